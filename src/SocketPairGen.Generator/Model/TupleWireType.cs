namespace SocketPairGen.Generator.Model;

/// <summary>A value tuple: its elements one after the other (<c>Item1</c>, <c>Item2</c>, …).</summary>
internal sealed record TupleWireType(string TypeName, EquatableArray<WireType> Elements) : WireType(TypeName)
{
    public override int FixedSize
    {
        get
        {
            int size = 0;
            foreach (WireType element in Elements)
            {
                size += element.FixedSize;
            }

            return size;
        }
    }
}

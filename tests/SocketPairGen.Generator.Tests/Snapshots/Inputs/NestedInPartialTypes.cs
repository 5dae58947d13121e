using SocketPairGen;

namespace Samples.Nesting;

public partial class Outer
{
    public partial record Middle
    {
        public partial struct Inner
        {
            /// <summary>A contract nested three levels deep.</summary>
            [SocketPairChannel]
            public partial interface IDeep
            {
                int Depth(int level);
            }
        }
    }
}

using SocketPairGen;

/// <summary>A contract in the global namespace.</summary>
[SocketPairChannel]
public partial interface IGlobal
{
    string Greet(string name);
}

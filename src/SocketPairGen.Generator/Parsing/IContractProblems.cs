using Microsoft.CodeAnalysis;

namespace SocketPairGen.Generator.Parsing;

/// <summary>Receives what makes a contract impossible to emit: a rule id (<see cref="RuleIds"/>), the narrowest
/// location, and the message arguments. The generator only counts them; the analyzer reports them.</summary>
internal interface IContractProblems
{
    /// <summary>How many problems were reported so far.</summary>
    int Count { get; }

    void Report(string ruleId, Location? location, params object[] arguments);
}

/// <summary>The generator's sink: it only needs to know whether there was any problem.</summary>
internal sealed class ProblemCounter : IContractProblems
{
    public int Count { get; private set; }

    public void Report(string ruleId, Location? location, params object[] arguments) => Count++;
}

/// <summary>The analyzer's sink: every problem, with its location and message arguments.</summary>
internal sealed class ProblemList : IContractProblems
{
    public System.Collections.Generic.List<(string RuleId, Location? Location, object[] Arguments)> Items { get; } = [];

    public int Count => Items.Count;

    public void Report(string ruleId, Location? location, params object[] arguments) => Items.Add((ruleId, location, arguments));
}

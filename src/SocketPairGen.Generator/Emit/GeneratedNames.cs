using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Emit;

/// <summary>
/// The names of one contract's generated members and types, chosen so that no user member can clash with them. Two
/// live in the proxy, beside the contract's methods: the channel field and the container of everything else; each
/// takes a suffix when a member of the contract (a method, a nested type, a static member) has its name. Inside the
/// container only generated names exist (enum values end in <c>Values</c>, struct layouts in <c>Layout</c>).
/// </summary>
internal sealed class GeneratedNames
{
    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal) { "Contract", "CreateContract", "Dispatcher" };
    private readonly Dictionary<string, string> _types = new(System.StringComparer.Ordinal);

    public GeneratedNames(ContractSpec contract)
    {
        // Methods become the proxy's members; nested types and static members are in scope in the proxy too.
        var members = new HashSet<string>(contract.MemberNames, System.StringComparer.Ordinal);
        ChannelField = Free("_channel", members);
        Container = Free("Wire", members);
        HasContractProperty = !members.Contains("Contract");
        Qualified = contract.FullName + ".Client." + Container;
    }

    /// <summary>The proxy's field holding the channel.</summary>
    public string ChannelField { get; }

    /// <summary>The hidden class, nested in the proxy, that holds every other generated type.</summary>
    public string Container { get; }

    /// <summary>The container's fully qualified name.</summary>
    public string Qualified { get; }

    /// <summary>Whether the proxy can show the contract's identity as <c>Client.Contract</c> (no member of the contract has
    /// that name).</summary>
    public bool HasContractProperty { get; }

    /// <summary>The name of a generated type for a user type (<c>KindValues</c>, <c>HeaderLayout</c>), one per type.</summary>
    public string ForType(string typeName, string suffix)
    {
        string key = typeName + "|" + suffix;
        if (!_types.TryGetValue(key, out string? name))
        {
            string simple = typeName.Substring(typeName.LastIndexOf('.') + 1);
            name = Free(simple + suffix, _taken);
            _taken.Add(name);
            _types[key] = name;
        }

        return name;
    }

    private static string Free(string name, params HashSet<string>[] taken)
    {
        string candidate = name;
        for (int suffix = 2; taken.Any(t => t.Contains(candidate)); suffix++)
        {
            candidate = name + suffix.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}

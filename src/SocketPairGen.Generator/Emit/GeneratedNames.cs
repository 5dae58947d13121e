using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Emit;

/// <summary>
/// The names of one contract's generated members and types, chosen so that no user member can clash with them. Two
/// live in the proxy, beside the contract's methods: the channel field and the container of everything else; each
/// takes a suffix when a member of the contract (a method, a nested type, a static member) has its name. Inside the container only generated names exist (requests end
/// in <c>Request</c>, enum values in <c>Values</c>, struct layouts in <c>Layout</c>); a request also avoids its own
/// method's parameter names, which name its fields.
/// </summary>
internal sealed class GeneratedNames
{
    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal) { "Contract", "CreateContract", "Dispatcher" };
    private readonly Dictionary<MethodSpec, string> _requests = [];
    private readonly Dictionary<MethodSpec, string> _requestLocals = [];
    private readonly Dictionary<string, string> _types = new(System.StringComparer.Ordinal);

    public GeneratedNames(ContractSpec contract)
    {
        // Methods become the proxy's members; nested types and static members are in scope in the proxy too.
        var members = new HashSet<string>(contract.MemberNames, System.StringComparer.Ordinal);
        ChannelField = Free("_channel", members);
        Container = Free("Wire", members);
        HasContractProperty = !members.Contains("Contract");
        Qualified = contract.FullName + ".Client." + Container;
        foreach (MethodSpec method in contract.Methods.Where(m => m.Parameters.Count > 0))
        {
            var parameters = new HashSet<string>(method.Parameters.Select(p => p.Name.TrimStart('@')), System.StringComparer.Ordinal);
            string name = Free(method.Name + "Request", _taken, parameters);
            _taken.Add(name);
            _requests[method] = name;
        }

        // The dispatcher's locals share one scope beside its parameters: its requests' names with a lower-case first
        // letter, distinct even for methods whose names differ only in case.
        var locals = new HashSet<string>(System.StringComparer.Ordinal) { "call", "payload" };
        foreach (KeyValuePair<MethodSpec, string> request in _requests.OrderBy(r => r.Key.Id))
        {
            string local = Free(char.ToLowerInvariant(request.Value[0]) + request.Value.Substring(1), locals);
            locals.Add(local);
            _requestLocals[request.Key] = local;
        }
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

    /// <summary>The request type of a method with arguments (inside the container).</summary>
    public string Request(MethodSpec method) => _requests[method];

    /// <summary>The dispatcher's local holding a method's request.</summary>
    public string RequestLocal(MethodSpec method) => _requestLocals[method];

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

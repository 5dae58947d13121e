using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Recognises a call to a libc function by what it is, not how it is spelled: a <c>[DllImport]</c> or
/// <c>[LibraryImport]</c> method whose entry point (or, without one, whose name) is the function, whatever the
/// library is called (<c>libc</c>, <c>c</c>, <c>libc.so.6</c>), or the function of that name in a published
/// binding (Tmds.LibC's <c>Tmds.Linux.LibC</c>, Mono.Posix's <c>Mono.Unix.Native.Syscall</c>). Where a binding's
/// parameters sit elsewhere than libc's, <see cref="ParameterOrdinal"/> says where.
/// </summary>
internal static class LibcCall
{
    private const string LibraryImportAttribute = "System.Runtime.InteropServices.LibraryImportAttribute";
    private const string TmdsLibC = "Tmds.Linux.LibC";
    private const string MonoSyscall = "Mono.Unix.Native.Syscall";

    // Every rule asks about every invocation it sees, and reading a method's attributes is the costly part: each
    // called method is judged once per compilation, for all the rules.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, string?>> Judged = new();

    /// <summary>The libc function <paramref name="invocation"/> calls, or null when it calls something else.</summary>
    public static string? FunctionName(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (!method.IsStatic || method.MethodKind != MethodKind.Ordinary)
        {
            return null; // every P/Invoke and every binding we know is an ordinary static method
        }

        if (invocation.SemanticModel?.Compilation is not { } compilation)
        {
            return FunctionName(method);
        }

        return Judged.GetValue(compilation, _ => new ConcurrentDictionary<IMethodSymbol, string?>(SymbolEqualityComparer.Default))
            .GetOrAdd(method, FunctionName);
    }

    /// <summary>The libc function <paramref name="method"/> is, or null when it is something else (not cached).</summary>
    public static string? FunctionName(IMethodSymbol method)
    {
        switch (InteropSyntax.Read(method, out string? declaredLibrary, out string? declaredEntryPoint))
        {
            case InteropReading.NotInterop:
                return TmdsFunction(method);
            case InteropReading.Known:
                return IsLibc(declaredLibrary) ? declaredEntryPoint ?? method.Name : null;
        }

        if (IsMonoSyscall(method.ContainingType))
        {
            // Before the DllImport: Mono binds open, pipe and fcntl through its own helper library, not libc.
            return MonoFunction(method);
        }

        if (method.GetDllImportData() is { } dllImport)
        {
            return IsLibc(dllImport.ModuleName) ? dllImport.EntryPointName ?? method.Name : null;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is not { Name: "LibraryImportAttribute" } attributeClass
                || attributeClass.ToDisplayString() != LibraryImportAttribute)
            {
                continue;
            }

            string? library = attribute.ConstructorArguments.FirstOrDefault().Value as string;
            if (!IsLibc(library))
            {
                return null;
            }

            string? entryPoint = attribute.NamedArguments.FirstOrDefault(a => a.Key == "EntryPoint").Value.Value as string;
            return entryPoint ?? method.Name;
        }

        return TmdsFunction(method);
    }

    /// <summary>
    /// The parameter of <paramref name="method"/> that takes what libc's function takes at
    /// <paramref name="libcOrdinal"/>: the same one, except in Mono.Posix, whose <c>socket</c> and <c>socketpair</c>
    /// take the flags apart from the type (<c>UnixSocketFlags</c>, third) and whose <c>accept4</c> has no length.
    /// </summary>
    public static int ParameterOrdinal(IMethodSymbol method, int libcOrdinal)
    {
        if (!IsMonoSyscall(method.ContainingType))
        {
            return libcOrdinal;
        }

        return (method.Name, method.Parameters.Length, libcOrdinal) switch
        {
            ("socket", 4, 1) or ("socketpair", 6, 1) => 2,
            ("accept4", 3, 3) => 2,
            _ => libcOrdinal,
        };
    }

    /// <summary>The argument <paramref name="invocation"/> passes for libc's parameter at <paramref name="libcOrdinal"/>, or null.</summary>
    public static IArgumentOperation? Argument(IInvocationOperation invocation, int libcOrdinal)
    {
        int ordinal = ParameterOrdinal(invocation.TargetMethod, libcOrdinal);
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument;
            }
        }

        return null;
    }

    private static bool IsMonoSyscall(INamedTypeSymbol? type) =>
        type is { Name: "Syscall" } && type.ToDisplayString() == MonoSyscall;

    /// <summary>
    /// A public static method of Mono.Posix's <c>Syscall</c> is the libc function of its name, with its enums for
    /// flags (<c>OpenFlags</c>, <c>UnixSocketFlags</c>, <c>MessageFlags</c>: Linux's values). Not
    /// <c>epoll_create(EpollFlags)</c>: it calls epoll_create1 with <c>EpollFlags</c> written as decimal numbers
    /// that are not Linux's bits, so its flags cannot be judged.
    /// </summary>
    private static string? MonoFunction(IMethodSymbol method)
    {
        if (method.DeclaredAccessibility != Accessibility.Public)
        {
            return null;
        }

        if (method.Name == "epoll_create" && method.Parameters.Length == 1 && method.Parameters[0].Type.TypeKind == TypeKind.Enum)
        {
            return null;
        }

        return method.Name;
    }

    /// <summary>A static method of Tmds.LibC's <c>Tmds.Linux.LibC</c> is the libc function of its name.</summary>
    private static string? TmdsFunction(IMethodSymbol method) =>
        method.IsStatic && method.ContainingType is { Name: "LibC" } type && type.ToDisplayString() == TmdsLibC ? method.Name : null;

    /// <summary>libc under any of the names a P/Invoke may give it: <c>libc</c>, <c>c</c>, <c>libc.so.6</c>, a path to it.</summary>
    private static bool IsLibc(string? library)
    {
        if (library is null)
        {
            return false;
        }

        int slash = library.LastIndexOf('/');
        string name = slash >= 0 ? library.Substring(slash + 1) : library;
        return name is "libc" or "c" || name.StartsWith("libc.so", System.StringComparison.Ordinal);
    }
}

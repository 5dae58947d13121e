using SocketPairGen.Analyzers.Tests.DescriptorSafety;
using static SocketPairGen.Analyzers.Tests.DescriptorSafety.CloseOnExecAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Corpus;

/// <summary>
/// Cases the corpus revealed where the analyzers were wrong on realistic code (flags changed through a pointer, a
/// deconstruction or a ref alias; flags chosen by a conditional), kept as their minimal inputs so they stay fixed.
/// </summary>
[Trait("Category", "Corpus")]
public class CorpusRegressionTests
{
    /// <summary>
    /// False negative, SPG0001 (and every rule that folds a flags argument): a conditional flags argument whose
    /// branches both fold to values without SOCK_CLOEXEC is treated as unknown. Found in
    /// Corpus/Buggy/01_SocketsWithoutCloexec.cs.txt (<c>LeakyServer.Conditional</c>): <c>socket(AF_UNIX, nonBlocking ?
    /// SOCK_STREAM | SOCK_NONBLOCK : SOCK_STREAM, 0)</c> leaks the socket either way, and nothing is reported.
    /// The folding (ConstantValues) knows literals, constants, '|', conversions and single-assignment locals, not
    /// '?:'; a conditional whose branches both lack the flag (or both have it) is as knowable as an '|'.
    /// </summary>
    [Fact]
    public Task ConditionalFlagsWithoutCloseOnExecInBothBranches_Reported() => VerifyAsync(
        """
        static class C
        {
            static int M(bool nonBlocking) =>
                {|#0:Libc.socket(Linux.AF_UNIX, nonBlocking ? Linux.SOCK_STREAM | Linux.SOCK_NONBLOCK : Linux.SOCK_STREAM, 0)|};
        }
        """,
        Diagnostic("SPG0001", 0, "socket"));

    /// <summary>The other half of the same rule: a conditional whose branches both carry the flag stays silent (passes today).</summary>
    [Fact]
    public Task ConditionalFlagsWithCloseOnExecInBothBranches_NotReported() => VerifyAsync(
        """
        static class C
        {
            static int M(bool nonBlocking) =>
                Libc.socket(Linux.AF_UNIX, nonBlocking ? Linux.SOCK_STREAM | Linux.SOCK_CLOEXEC | Linux.SOCK_NONBLOCK : Linux.SOCK_STREAM | Linux.SOCK_CLOEXEC, 0);
        }
        """);

    // False positives, SPG0001 (and every rule whose flags are folded through a local: SPG0002-SPG0004, SPG0006,
    // SPG0007, and the creator's flags in SPG0008). Found in Corpus/Correct/15_FlagHelpers.cs.txt (FlagHelpers),
    // where helpers set SOCK_CLOEXEC on a local after its initializer. ConstantValues.OfLocalAssignedOnce treats a
    // local as "assigned once" when no simple, compound or increment assignment and no ref/out argument writes it,
    // so it misses three other writes and folds the local to its initializer (SOCK_STREAM) although the value at the
    // call has the flag:
    // - the local's address taken (IAddressOfOperation, `SetCloseOnExec(&type)`);
    // - a deconstruction assignment (IDeconstructionAssignmentOperation, `(domain, type) = (…, … | SOCK_CLOEXEC)`);
    // - a ref local aliasing it (`ref int alias = ref type; alias |= SOCK_CLOEXEC;`).
    // The rules say "where the value cannot be known there is no diagnostic": each of these should make it unknown.

    [Fact]
    public Task FlagsLocalWrittenThroughPointer_NotReported() => VerifyAsync(
        """
        static unsafe class C
        {
            static void SetCloseOnExec(int* flags) => *flags |= Linux.SOCK_CLOEXEC;

            static int M()
            {
                int type = Linux.SOCK_STREAM;
                SetCloseOnExec(&type);
                return Libc.socket(Linux.AF_UNIX, type, 0);
            }
        }
        """);

    [Fact]
    public Task FlagsLocalWrittenByDeconstruction_NotReported() => VerifyAsync(
        """
        static class C
        {
            static int M()
            {
                int domain = 2;
                int type = Linux.SOCK_STREAM;
                (domain, type) = (Linux.AF_UNIX, Linux.SOCK_STREAM | Linux.SOCK_CLOEXEC);
                return Libc.socket(domain, type, 0);
            }
        }
        """);

    [Fact]
    public Task FlagsLocalWrittenThroughRefLocal_NotReported() => VerifyAsync(
        """
        static class C
        {
            static int M()
            {
                int type = Linux.SOCK_STREAM;
                ref int alias = ref type;
                alias |= Linux.SOCK_CLOEXEC;
                return Libc.socket(Linux.AF_UNIX, type, 0);
            }
        }
        """);
}

using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators.CreatorsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators;

/// <summary>Creators the rules did not know: the 64-bit opens, dup3 without its flag, the mkstemp family, fcntl(F_DUPFD).</summary>
public class CoverageTests
{
    private static DiagnosticResult Open(int markup, string function) =>
        new DiagnosticResult(Descriptors.OpenWithoutCloseOnExec).WithLocation(markup).WithArguments(function);

    private static DiagnosticResult Copy(int markup, string function) =>
        new DiagnosticResult(Descriptors.DupWithoutCloseOnExec).WithLocation(markup).WithArguments(function);

    [Fact]
    public Task Open64AndOpenat64_JudgedLikeOpen() => Verify.VerifyAsync("""
        class LargeFiles
        {
            int M(string path, int dir) =>
                {|#0:open64(path, O_RDONLY, 0)|}
                + open64(path, O_RDONLY | O_CLOEXEC, 0)
                + {|#1:openat64(dir, path, O_WRONLY | O_CREAT, 384)|}
                + openat64(AT_FDCWD, path, O_WRONLY | O_CREAT | O_CLOEXEC, 384);
        }
        """,
        Open(0, "open64"),
        Open(1, "openat64"));

    [Fact]
    public Task Dup3WithoutTheFlag_Reported() => Verify.VerifyAsync("""
        class Connection
        {
            private int _fd;

            public void Replace()
            {
                int fresh = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                {|#0:dup3(fresh, _fd, 0)|};
                dup3(fresh, _fd, O_CLOEXEC);
                close(fresh);
            }
        }
        """,
        Copy(0, "dup3"));

    [Fact]
    public Task MkstempFamily_ReportedWithoutTheFlag() => Verify.VerifyAsync("""
        using System.Text;

        class Scratch
        {
            int M()
            {
                byte[] template = Encoding.ASCII.GetBytes("/tmp/scratch-XXXXXX\0");
                byte[] suffixed = Encoding.ASCII.GetBytes("/tmp/scratch-XXXXXX.json\0");
                return {|#0:mkstemp(template)|}
                    + mkostemp(template, O_CLOEXEC)
                    + {|#1:mkostemp(template, 0)|}
                    + {|#2:mkstemps(suffixed, 5)|}
                    + mkostemps(suffixed, 5, O_CLOEXEC);
            }
        }
        """,
        Open(0, "mkstemp"),
        Open(1, "mkostemp"),
        Open(2, "mkstemps"));

    [Fact]
    public Task FcntlDupfd_Reported() => Verify.VerifyAsync("""
        class C
        {
            int M(int fd) => {|#0:fcntl(fd, F_DUPFD, 3)|} + fcntl(fd, F_DUPFD_CLOEXEC, 3);
        }
        """,
        Copy(0, "fcntl"));
}

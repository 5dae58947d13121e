using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes;

/// <summary>
/// SPG0012 and SPG0020: a descriptor written into a struct the method keeps to itself (<c>pollfd.fd</c>,
/// <c>epoll_event.data.fd</c>, an SCM_RIGHTS control message) is a copy, not a hand-off: the close after it is the
/// only one, and a mapped descriptor copied that way still needs closing after the spawn.
/// </summary>
public class StructCopyCloseTests
{
    [Fact]
    public async Task ClosedAfterItsPollfdCopyWasPolled_NotReported()
    {
        await OwnershipAnalyzerTest<DescriptorClosedTwiceAnalyzer>.VerifyAsync("""
            unsafe class Probe
            {
                public bool Readable(string fifo, int timeout)
                {
                    int fd = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
                    if (fd < 0) return false;
                    pollfd pfd = default;
                    pfd.fd = fd;
                    pfd.events = POLLIN;
                    int ready = poll(&pfd, 1, timeout);
                    close(fd);
                    return ready == 1;
                }
            }
            """);
    }

    [Fact]
    public async Task ClosedAfterEpollRegistrationFailed_NotReported()
    {
        await OwnershipAnalyzerTest<DescriptorClosedTwiceAnalyzer>.VerifyAsync("""
            class Loop
            {
                private int _wake = -1;

                public void AddWakeup(int epoll)
                {
                    int wake = eventfd(0, EFD_CLOEXEC);
                    var ev = new epoll_event { events = EPOLLIN, data = new epoll_data { fd = wake } };
                    if (epoll_ctl(epoll, EPOLL_CTL_ADD, wake, ref ev) != 0)
                    {
                        close(wake);
                        throw new IOException("epoll_ctl");
                    }

                    _wake = wake;
                }
            }
            """);
    }

    [Fact]
    public async Task ClosedAfterSendingItWithScmRights_NotReportedAndNothingToRemove()
    {
        const string Source = """
            unsafe class Passer
            {
                public void Pass(int channel, string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    byte marker = 1;
                    iovec iov = default;
                    iov.iov_base = &marker;
                    iov.iov_len = 1;
                    var fdm = new cmsg_fd();
                    fdm.hdr.cmsg_len = (nuint)(sizeof(cmsghdr) + sizeof(int));
                    fdm.hdr.cmsg_level = SOL_SOCKET;
                    fdm.hdr.cmsg_type = SCM_RIGHTS;
                    fdm.fds[0] = fd;
                    msghdr msg = new msghdr { msg_iov = &iov, msg_iovlen = 1, msg_control = &fdm, msg_controllen = fdm.hdr.cmsg_len };
                    sendmsg(channel, &msg, 0);
                    close(fd);
                }
            }
            """;
        await new OwnershipCodeFixTest<DescriptorClosedTwiceAnalyzer, SocketPairGen.CodeFixes.DescriptorSafety.RemoveExtraCloseCodeFixProvider>(Source, Source).RunAsync();
    }

    [Fact]
    public async Task ClosedAfterAStructThatLivesInAFieldTookIt_NotReported()
    {
        // A field of struct type is storage the object keeps, but storing into it hands nothing to a closer.
        await OwnershipAnalyzerTest<DescriptorClosedTwiceAnalyzer>.VerifyAsync("""
            class Poller
            {
                private pollfd _watched;

                public void Watch(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    _watched.fd = fd;
                    close(fd);
                }
            }
            """);
    }

    [Fact]
    public async Task MappedDescriptorAlsoPolledThroughAPollfd_NeverClosedAfterTheSpawn_Reported()
    {
        await OwnershipAnalyzerTest<SpawnedDescriptorNotClosedAnalyzer>.VerifyAsync("""
            unsafe class Launcher
            {
                public int Start(IntPtr actions, string path, string[] argv)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    pollfd pfd = new pollfd { fd = fd, events = POLLIN };
                    poll(&pfd, 1, 0);
                    {|#0:posix_spawn_file_actions_adddup2(actions, fd, 0)|};
                    {|#1:posix_spawn(out int pid, "/bin/cat", actions, IntPtr.Zero, argv, argv)|};
                    return pid;
                }
            }
            """,
            new DiagnosticResult(Descriptors.SpawnedDescriptorNotClosed).WithLocation(0).WithLocation(1).WithArguments("fd", "posix_spawn"));
    }
}

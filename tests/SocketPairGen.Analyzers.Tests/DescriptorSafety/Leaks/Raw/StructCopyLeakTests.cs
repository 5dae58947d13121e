using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.OwnershipAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.DescriptorLeakAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Raw;

/// <summary>
/// SPG0010: a descriptor written into a struct the method keeps to itself (a <c>pollfd</c>, an <c>epoll_event</c>, a
/// control message for SCM_RIGHTS) is copied, not handed to an owner: the struct dies with the method, so the
/// descriptor still needs its close.
/// </summary>
public class StructCopyLeakTests
{
    private static DiagnosticResult Never(string function) =>
        new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(0).WithArguments(function, "never closed nor handed to an owner in this method");

    [Fact]
    public async Task AcceptedSocketPolledThroughAPollfdLocal_NeverClosed_Reported()
    {
        await Verify.VerifyAsync("""
            unsafe class Listener
            {
                public int WaitForFirstByte(int listener, int timeout)
                {
                    int client = {|#0:accept4(listener, IntPtr.Zero, IntPtr.Zero, SOCK_CLOEXEC)|};
                    if (client < 0)
                    {
                        return -1;
                    }

                    pollfd pfd = default;
                    pfd.fd = client;
                    pfd.events = POLLIN;
                    int ready = poll(&pfd, 1, timeout);
                    return ready > 0 && (pfd.revents & POLLIN) != 0 ? 1 : 0;
                }
            }
            """, Never("accept4"));
    }

    [Fact]
    public async Task PollfdBuiltWithAnObjectInitializerAndPassedByRef_NeverClosed_Reported()
    {
        await Verify.VerifyAsync("""
            class Probe
            {
                public bool Readable(string fifo)
                {
                    int fd = {|#0:open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)|};
                    if (fd == -1) return false;
                    var pfd = new pollfd { fd = fd, events = POLLIN };
                    return poll(ref pfd, 1, 0) == 1;
                }
            }
            """, Never("open"));
    }

    [Fact]
    public async Task EventfdRegisteredWithEpollThroughEpollEventData_NeverClosed_Reported()
    {
        await Verify.VerifyAsync("""
            unsafe class Loop
            {
                public int AddWakeup(int epoll)
                {
                    int wake = {|#0:eventfd(0, EFD_CLOEXEC)|};
                    if (wake < 0) return -1;
                    epoll_event ev = default;
                    ev.events = EPOLLIN;
                    ev.data.fd = wake;
                    return epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &ev);
                }
            }
            """, Never("eventfd"));
    }

    [Fact]
    public async Task MemfdSentWithScmRightsInAControlMessageStruct_NeverClosed_Reported()
    {
        await Verify.VerifyAsync("""
            unsafe class Snapshots
            {
                public nint Send(int channel, byte* data, nint length)
                {
                    int memfd = {|#0:memfd_create("snapshot", MFD_CLOEXEC)|};
                    if (memfd < 0) return -1;
                    write(memfd, data, length);

                    byte marker = 0;
                    iovec iov = new iovec { iov_base = &marker, iov_len = 1 };
                    cmsg_one control = default;
                    control.hdr.cmsg_len = (nuint)sizeof(cmsg_one);
                    control.hdr.cmsg_level = SOL_SOCKET;
                    control.hdr.cmsg_type = SCM_RIGHTS;
                    control.fd = memfd;
                    msghdr message = default;
                    message.msg_iov = &iov;
                    message.msg_iovlen = 1;
                    message.msg_control = &control;
                    message.msg_controllen = (nuint)sizeof(cmsg_one);
                    return sendmsg(channel, &message, 0);
                }
            }
            """, Never("memfd_create"));
    }

    [Fact]
    public async Task DescriptorInAFixedBufferOfAControlMessage_SentThroughIntPtr_NeverClosed_Reported()
    {
        await Verify.VerifyAsync("""
            unsafe class Transport
            {
                public nint SendLog(int channel, string path)
                {
                    int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    if (fd < 0) return -1;
                    var fdm = new cmsg_fd();
                    msghdr msg = new msghdr();
                    msg.msg_control = &fdm;
                    msg.msg_controllen = (nuint)(sizeof(cmsghdr) + 4);
                    fdm.hdr.cmsg_len = msg.msg_controllen;
                    fdm.hdr.cmsg_level = SOL_SOCKET;
                    fdm.hdr.cmsg_type = SCM_RIGHTS;
                    fdm.fds[0] = fd;
                    return sendmsg(channel, new IntPtr(&msg), 0);
                }
            }
            """, Never("open"));
    }

    [Fact]
    public async Task TwoDescriptorsPolledFromAStackallocPollfdArray_OneNeverClosed_Reported()
    {
        await Verify.VerifyAsync("""
            unsafe class Waiter
            {
                public int Wait(string path, int cancel)
                {
                    int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    if (fd < 0) return -1;
                    pollfd* fds = stackalloc pollfd[2];
                    fds[0].fd = fd;
                    fds[0].events = POLLIN;
                    fds[1] = new pollfd { fd = cancel, events = POLLIN };
                    return poll(fds, 2, -1);
                }
            }
            """, Never("open"));
    }

    [Fact]
    public async Task CopiedIntoALocalArrayThatGoesNowhere_Reported()
    {
        await Verify.VerifyAsync("""
            class Batch
            {
                public int M(string path)
                {
                    int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    int[] batch = new int[1];
                    batch[0] = fd;
                    return batch.Length;
                }
            }
            """, Never("open"));
    }

    /// <summary>
    /// The real Tmds.LibC's <c>pollfd</c> declares its members as properties (<c>public int fd { get; set; }</c>), which
    /// a consumer's compiler sees only as metadata: they store into the struct like fields (found by the corpus,
    /// Buggy/ownership-TmdsPollAndRights).
    /// </summary>
    [Fact]
    public async Task TmdsPollfdPropertiesSetAndInitialized_NeverClosed_Reported()
    {
        await Flags.FlagsAnalyzerTest<DescriptorLeakAnalyzer>.VerifyAsync("""
            using Tmds.Linux;
            using static Tmds.Linux.LibC;

            unsafe class Acceptor
            {
                public int Talking(int listener, int timeout)
                {
                    int fd = {|#0:accept4(listener, null, null, SOCK_CLOEXEC)|};
                    if (fd == -1) return -1;
                    pollfd pfd = default;
                    pfd.fd = fd;
                    pfd.events = POLLIN;
                    return poll(&pfd, 1, timeout) > 0 && (pfd.revents & POLLIN) != 0 ? 1 : 0;
                }

                public bool Readable(byte* path)
                {
                    int fd = {|#1:open(path, O_RDONLY | O_CLOEXEC, 0)|};
                    if (fd < 0) return false;
                    var pfd = new pollfd { fd = fd, events = POLLIN };
                    return poll(&pfd, 1, 0) == 1;
                }
            }
            """,
            Never("accept4"),
            new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(1).WithArguments("open", "never closed nor handed to an owner in this method"));
    }

    /// <summary>
    /// An SCM_RIGHTS message built the C way: the descriptor written through <c>CMSG_DATA</c> into the control buffer. The
    /// kernel duplicates it into the peer, the sender keeps its own (found by the corpus, Buggy/ownership-TmdsPollAndRights).
    /// </summary>
    [Fact]
    public async Task TmdsDescriptorWrittenThroughCmsgData_NeverClosed_Reported()
    {
        await Flags.FlagsAnalyzerTest<DescriptorLeakAnalyzer>.VerifyAsync("""
            using Tmds.Linux;
            using static Tmds.Linux.LibC;

            unsafe class Sender
            {
                public bool Share(int socket, byte* name)
                {
                    int memfd = {|#0:memfd_create(name, MFD_CLOEXEC)|};
                    if (memfd == -1) return false;
                    int space = CMSG_SPACE(sizeof(int));
                    byte* control = stackalloc byte[space];
                    msghdr msg = default;
                    msg.msg_control = control;
                    msg.msg_controllen = space;
                    cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
                    cmsg->cmsg_level = SOL_SOCKET;
                    cmsg->cmsg_type = SCM_RIGHTS;
                    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
                    *(int*)CMSG_DATA(cmsg) = memfd;
                    return sendmsg(socket, &msg, MSG_NOSIGNAL) == 1;
                }
            }
            """, Never("memfd_create"));
    }

    [Theory]
    [InlineData("int* data = (int*)CMSG_DATA(cmsg); data[0] = fd;")]
    [InlineData("int* data = (int*)CMSG_DATA(cmsg); *data = fd;")]
    [InlineData("((int*)CMSG_DATA(cmsg))[0] = fd;")]
    public async Task DescriptorWrittenThroughAHandWrittenCmsgData_NeverClosed_Reported(string write)
    {
        await Verify.VerifyAsync($$"""
            unsafe class Sender
            {
                static byte* CMSG_DATA(cmsghdr* cmsg) => (byte*)(cmsg + 1);

                public nint Send(int channel, string path)
                {
                    int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    if (fd < 0) return -1;
                    byte* control = stackalloc byte[32];
                    cmsghdr* cmsg = (cmsghdr*)control;
                    cmsg->cmsg_level = SOL_SOCKET;
                    cmsg->cmsg_type = SCM_RIGHTS;
                    cmsg->cmsg_len = (nuint)(sizeof(cmsghdr) + sizeof(int));
                    {{write}}
                    msghdr msg = default;
                    msg.msg_control = control;
                    msg.msg_controllen = cmsg->cmsg_len;
                    return sendmsg(channel, &msg, 0);
                }
            }
            """, Never("open"));
    }

    [Theory]
    // Closed after the send: nothing to report.
    [InlineData("*(int*)CMSG_DATA(cmsg) = fd; nint sent = sendmsg(channel, &msg, 0); close(fd); return sent;")]
    // A pointer that is not a control message's data: the caller's out pointer takes the descriptor.
    [InlineData("*result = fd; return 0;")]
    [InlineData("int* data = result; data[0] = fd; return 0;")]
    // A pointer local written twice: the rule cannot tell where it points.
    [InlineData("int* data = (int*)CMSG_DATA(cmsg); if (channel < 0) data = result; *data = fd; return 0;")]
    public async Task ControlMessageDataClosedOrOtherPointers_Silent(string body)
    {
        await Verify.VerifyAsync($$"""
            unsafe class Sender
            {
                static byte* CMSG_DATA(cmsghdr* cmsg) => (byte*)(cmsg + 1);

                public nint Send(int channel, string path, int* result)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    if (fd < 0) return -1;
                    byte* control = stackalloc byte[32];
                    cmsghdr* cmsg = (cmsghdr*)control;
                    msghdr msg = default;
                    msg.msg_control = control;
                    msg.msg_controllen = 32;
                    {{body}}
                }
            }
            """);
    }

    [Fact]
    public async Task TmdsPollfdClosedOrHandedOn_Silent()
    {
        await Flags.FlagsAnalyzerTest<DescriptorLeakAnalyzer>.VerifyAsync("""
            using Tmds.Linux;
            using static Tmds.Linux.LibC;

            unsafe class Acceptor
            {
                private pollfd _pending;

                public int Talking(int listener, int timeout)
                {
                    int fd = accept4(listener, null, null, SOCK_CLOEXEC);
                    if (fd == -1) return -1;
                    pollfd pfd = default;
                    pfd.fd = fd;
                    pfd.events = POLLIN;
                    int rv = poll(&pfd, 1, timeout);
                    close(fd);
                    return rv;
                }

                public void Later(int listener)
                {
                    int fd = accept4(listener, null, null, SOCK_CLOEXEC);
                    var pfd = new pollfd { fd = fd, events = POLLIN };
                    _pending = pfd;
                }

                public int Back(int listener)
                {
                    int fd = accept4(listener, null, null, SOCK_CLOEXEC);
                    pollfd pfd = default;
                    pfd.fd = fd;
                    return pfd.fd;
                }
            }
            """);
    }

    [Theory]
    // Copied into a struct and closed: nothing to report.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); if (fd < 0) return -1; pollfd pfd = default; pfd.fd = fd; pfd.events = POLLIN; int r = poll(&pfd, 1, 100); close(fd); return r;")]
    [InlineData("int fd = eventfd(0, EFD_CLOEXEC); epoll_event ev = new epoll_event { events = EPOLLIN }; ev.data.fd = fd; if (epoll_ctl(epoll, EPOLL_CTL_ADD, fd, ref ev) != 0) { close(fd); return -1; } _registered = fd; return 0;")]
    // The struct goes somewhere the rule cannot follow: the descriptor goes with it.
    [InlineData("int fd = open(path, O_CLOEXEC); pollfd pfd = default; pfd.fd = fd; _pending = pfd; return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); var pfd = new pollfd { fd = fd }; Remember(pfd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); pollfd pfd = default; pfd.fd = fd; pollfd copy = pfd; Remember(copy); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); epoll_event ev = default; ev.data.fd = fd; _events[0] = ev; return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); cmsg_one control = default; control.fd = fd; msghdr msg = default; msg.msg_control = &control; _message = msg; return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); pollfd pfd = default; pfd.fd = fd; pollfd* p = &pfd; Keep(p); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); pollfd pfd = default; pfd.fd = fd; int back = pfd.fd; Remember(back); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); pollfd pfd = default; pfd.fd = fd; Action a = () => Remember(pfd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); pollfd* fds = stackalloc pollfd[1]; fds[0].fd = fd; Keep(fds); return 0;")]
    // The descriptor read back through another member of a union (epoll_data) and handed on.
    [InlineData("int fd = open(path, O_CLOEXEC); epoll_event ev = default; ev.data.fd = fd; ulong key = ev.data.u64; Remember((int)key); return 0;")]
    // Stored into a struct that lives in an owner: handed over.
    [InlineData("int fd = open(path, O_CLOEXEC); _pending.fd = fd; return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); _events[0].data.fd = fd; return 0;")]
    public async Task CopiedAndClosedOrStructGoesElsewhere_Silent(string body)
    {
        await Verify.VerifyAsync($$"""
            unsafe class C
            {
                private pollfd _pending;
                private epoll_event[] _events = new epoll_event[4];
                private msghdr _message;
                private int _registered;

                int M(string path, int epoll)
                {
                    {{body}}
                }

                static readonly List<int> Remembered = new();
                static void Remember(pollfd pfd) => Remembered.Add(pfd.fd);
                static void Remember(int fd) => Remembered.Add(fd);
                static void Keep(pollfd* p) { }
            }
            """);
    }
}

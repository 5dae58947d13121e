"""What the conformance client does: every wire type and method shape in one session ("calls"), and one session per
malformed input the server must refuse by closing the connection (MALFORMED). Expected results follow from what
each IConformance method does (README.md lists it), computed here, never read from the server's code."""

import decimal
import fcntl
import os
import socket
import struct
import uuid

import wire
from contract import CONFORMANCE, PACKED, READING, VARIANT, VEC2

SHADE_CYCLE = [-1, 1, 2, 40]


def reading(value=7, valid=True, shade=2, retries=None, code=(1, 2, 3)):
    return {"Tag": 9, "Value": value, "Valid": valid, "Shade": shade, "Amount": decimal.Decimal("-12.345"),
            "When": wire.DateTime(638000000000000000, 1), "Retries": retries, "Where": {"X": -4, "Y": 5},
            "Code": list(code)}


def expect(report, name, outcome, value):
    ok = outcome == ("response", value)
    report.check(name, ok, f"expected {value!r}, got {outcome!r}")


def run_calls(session, report):
    hello = session.connect()
    report.check("handshake: the server speaks our fingerprint, computed from the canonical text", True)
    report.check("handshake: server limits", hello["window_count"] >= 1 and hello["max_frame"] >= 4096, repr(hello))
    call = session.call

    # Scalars.
    expect(report, "bool true", call("Not", True), False)
    expect(report, "bool false", call("Not", False), True)
    small = (-128, 255, -32768, 65535, -2147483648, 4294967295)
    expect(report, "integers, smallest and largest", call("EchoSmall", *small), small)
    wide = (-(1 << 63), (1 << 64) - 1, -5, (1 << 64) - 1)
    expect(report, "64-bit and native integers", call("EchoWide", *wide), wide)
    reals = (1.5, 3.141592653589793, -2.0, 0xD800)
    expect(report, "floats, half and a lone surrogate char", call("EchoReals", *reals), reals)
    large = (-(1 << 127), (1 << 128) - 1, uuid.UUID("00112233-4455-6677-8899-aabbccddeeff"), -1)
    expect(report, "int128, uint128, guid, timespan", call("EchoLarge", *large), large)
    expect(report, "decimal", call("AddDecimal", decimal.Decimal("1.5"), decimal.Decimal("-0.25")), decimal.Decimal("1.25"))
    biggest = decimal.Decimal("79228162514264337593543950335")
    expect(report, "decimal, largest", call("AddDecimal", biggest, decimal.Decimal("-0.0")), biggest)
    expect(report, "DateTime keeps its kind", call("AddTime", wire.DateTime(638000000000000000, 1), 10_000_000),
           wire.DateTime(638000000010000000, 1))

    # Enums.
    for shade in SHADE_CYCLE:
        expected = SHADE_CYCLE[(SHADE_CYCLE.index(shade) + 1) % len(SHADE_CYCLE)]
        expect(report, f"enum {shade}", call("NextShade", shade), expected)
    expect(report, "byte enum", call("EchoGrade", 200), 200)
    expect(report, "flags enum", call("Grant", 1, 1 << 40), (1 << 40) | 1)
    expect(report, "flags enum, undefined bits", call("Grant", 0x7FFF, 0), 0x7FFF)

    # Nullables and tuples.
    expect(report, "nullable null", call("Halve", None), None)
    expect(report, "nullable value", call("Halve", -9), -4)
    expect(report, "nullable tuple null", call("EchoMaybePair", None), None)
    expect(report, "nullable tuple, nullable element null", call("EchoMaybePair", (7, None)), (7, None))
    expect(report, "nullable tuple, nullable element set", call("EchoMaybePair", (7, 40)), (7, 40))

    # Structs.
    expect(report, "blittable struct", call("Add", {"X": 1, "Y": -2}, {"X": 10, "Y": 20}), {"X": 11, "Y": 18})
    calibrated = reading(value=8, valid=False, retries=1)
    expect(report, "struct with padding, bool, enum, decimal, DateTime, nullable, nested, fixed buffer",
           call("Calibrate", reading()), calibrated)
    expect(report, "struct, nullable field set", call("Calibrate", reading(retries=3)), reading(value=8, valid=False, retries=4))
    check_padding(session, report)
    packed = {"Kind": 7, "Length": -1, "Final": True}
    expect(report, "packed struct", call("EchoPacked", packed), packed)
    outcome = call("EchoVariant", {"AsLong": 0x0102030405060708, "IsDouble": False})
    report.check("union struct", outcome[0] == "response" and outcome[1]["AsLong"] == 0x0102030405060708
                 and outcome[1]["IsDouble"] is False, repr(outcome))
    expect(report, "nullable struct null", call("EchoMaybeReading", None), None)
    expect(report, "nullable struct set", call("EchoMaybeReading", reading()), reading())

    # Strings.
    expect(report, "string, non-ASCII", call("Greet", "Zoë 🌍"), "Hello, Zoë 🌍!")
    expect(report, "nullable string null", call("Upper", None), None)
    expect(report, "nullable string empty", call("Upper", ""), "")
    expect(report, "nullable string set", call("Upper", "abc"), "ABC")
    expect(report, "empty string result", call("Empty"), "")
    long_text = "ü" * 100_000
    expect(report, "long string", call("Greet", long_text), f"Hello, {long_text}!")

    # Blocks.
    expect(report, "empty byte array", call("Reverse", b""), b"")
    expect(report, "byte array", call("Reverse", bytes(range(256))), bytes(reversed(range(256))))
    expect(report, "nullable array null", call("EchoInts", None), None)
    expect(report, "nullable array empty", call("EchoInts", []), [])
    expect(report, "nullable array set", call("EchoInts", [1, -2, 3]), [1, -2, 3])
    expect(report, "blittable struct array", call("Translate", [{"X": 1, "Y": 2}, {"X": 3, "Y": 4}], {"X": 10, "Y": 100}),
           [{"X": 11, "Y": 102}, {"X": 13, "Y": 104}])
    expect(report, "padded struct memory", call("EchoReadings", [reading(), reading(retries=2, shade=-1)]),
           [reading(), reading(retries=2, shade=-1)])
    expect(report, "bool array", call("Invert", [True, False, False]), [False, True, True])
    expect(report, "enum array", call("EchoShades", [-1, 40]), [-1, 40])
    expect(report, "nullable element array", call("EchoMaybes", [None, 5, None]), [None, 5, None])
    big = os.urandom(1 << 20)
    expect(report, "1 MiB memory", call("Checksum", big), sum(big))
    expect(report, "empty memory", call("Checksum", b""), 0)
    expect(report, "memory result", call("EchoMemory", b"abc"), b"abc")
    expect(report, "span", call("Sum", [1, 2, 3]), 6)
    expect(report, "memory of double", call("Scale", [1.5, -2.0], 2.0), [3.0, -4.0])
    expect(report, "writable span", call("Negate", [1, -2]), [-1, 2])
    expect(report, "several parameters, the block last on the wire",
           call("Describe", b"\x01\x02\x03", {"X": 640, "Y": 480}, "thumb", 40), "thumb: 3 bytes, 640x480, Blue")
    expect(report, "nine parameters, the block in the middle last on the wire",
           call("Spread", -8, -1600, 320000, b"\xca\xfe", -(1 << 40), "nine", 2, True, 0.25),
           "-8 -1600 320000 CAFE -1099511627776 nine Green True 0.25")

    check_handles(session, report)

    # Method shapes.
    expect(report, "void", call("Store", 5), None)
    expect(report, "sync result", call("Load"), 5)
    expect(report, "Task", call("StoreAsync", 6), None)
    expect(report, "Task<T>", call("LoadAsync"), 6)
    expect(report, "ValueTask", call("PingAsync"), None)
    expect(report, "ValueTask<T>", call("DoubleAsync", 21), 42)
    ids = [session.send_request("DoubleAsync", [i]) for i in range(10)]
    outcomes = [session.outcome("DoubleAsync", call_id) for call_id in reversed(ids)]
    report.check("ten calls in flight, replies matched by call id", outcomes == [("response", i * 2) for i in reversed(range(10))], repr(outcomes))

    # Errors.
    outcome = call("Fail", "boom")
    report.check("remote exception", outcome == ("error", "System.ArgumentException", "boom", None), repr(outcome))
    outcome = call("FailLaterAsync", "later")
    report.check("remote exception, awaited", outcome == ("error", "System.InvalidOperationException", "later", None), repr(outcome))

    # Cancellation.
    running = session.send_request("WaitAsync", [30_000])
    session.cancel(running)
    report.check("cancel an awaited call", session.outcome("WaitAsync", running) == ("canceled",))
    running = session.send_request("Wait", [30_000])
    session.cancel(running)
    report.check("cancel a synchronous call with a token", session.outcome("Wait", running) == ("canceled",))
    running = session.send_request("WaitAsync", [30_000])
    queued = session.send_request("DoubleAsync", [1])
    session.cancel(queued)
    report.check("cancel a queued call: Canceled at once", session.outcome("DoubleAsync", queued) == ("canceled",))
    session.cancel(running)
    report.check("then the running one", session.outcome("WaitAsync", running) == ("canceled",))
    answered = session.send_request("DoubleAsync", [2])
    first = session.outcome("DoubleAsync", answered)
    session.cancel(answered)
    expect(report, "a Cancel after the answer is ignored", call("DoubleAsync", 3), 6)
    report.check("(its call answered normally)", first == ("response", 4), repr(first))


def memory_file(text):
    """A memory file holding text, close-on-exec: what this client passes as a file."""
    fd = os.memfd_create("conformance", os.MFD_CLOEXEC)
    os.write(fd, text.encode("utf-8"))
    return fd


def is_close_on_exec(fd):
    return bool(fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)


def check_handles(session, report):
    """Handles (section 4.9): descriptors ride with the frame, the payload names them by index, in order."""
    call = session.call
    fd = memory_file("from a descriptor")
    try:
        expect(report, "a file passed: the server reads its own copy", call("ReadAll", fd), "from a descriptor")
        report.check("the sender keeps its descriptor", os.pread(fd, 4, 0) == b"from")
    finally:
        os.close(fd)

    outcome = call("Write", "written by the server")
    text, cloexec = None, False
    if outcome[0] == "response" and isinstance(outcome[1], int):
        text, cloexec = os.pread(outcome[1], 100, 0), is_close_on_exec(outcome[1])
        os.close(outcome[1])
    report.check("a file returned: the caller gets its own copy, close-on-exec", text == b"written by the server" and cloexec,
                 repr(outcome))
    expect(report, "a null handle returned", call("Write", None), None)

    files = [memory_file("one"), memory_file("two")]
    mine, theirs = socket.socketpair()
    try:
        expect(report, "an array of handles with a null element, and a socket",
               call("Count", [files[0], None, files[1]], theirs.fileno()), 2)
        theirs.close()
        mine.settimeout(5)
        report.check("the server wrote on the passed socket, then closed its copy", mine.recv(8) == struct.pack("<i", 2))
    finally:
        for file in files:
            os.close(file)
        mine.close()
        theirs.close()
    expect(report, "an empty array of handles and a null socket", call("Count", [], None), 0)

    outcome = call("Open")
    if outcome[0] != "response" or not isinstance(outcome[1], int):
        report.check("a channel end returned", False, repr(outcome))
        return
    with socket.socket(fileno=outcome[1]) as end:
        report.check("a channel end returned: an AF_UNIX stream socket",
                     end.family == socket.AF_UNIX and end.type == socket.SOCK_STREAM, f"{end.family} {end.type}")
        channel = type(session)(end, CONFORMANCE)
        channel.connect()
        expect(report, "a call on the new channel, served by the server", channel.call("DoubleAsync", 4), 8)


def check_padding(session, report):
    """Padding is ignored by the receiver, and never carries the sender's memory: send garbage there, read zeros back."""
    method = CONFORMANCE.by_name["Calibrate"]
    payload = bytearray(method.encode_request([reading()])[0])
    padding = sorted(READING.padding())
    for offset in padding:
        payload[offset] = 0xAA
    call_id = session.send_raw_request("Calibrate", bytes(payload))
    kind, _, reply, _ = session.final_frame(call_id)
    report.check("padding: garbage accepted, zeros sent back", kind == wire.RESPONSE and len(reply) == READING.size
                 and all(reply[o] == 0 for o in padding), f"kind {kind}, padding {[reply[o] for o in padding]}")
    call_id = session.send_request("EchoVariant", [{"AsLong": -1, "IsDouble": True}])
    kind, _, reply, _ = session.final_frame(call_id)
    report.check("union padding zeroed", kind == wire.RESPONSE and reply[9:16] == bytes(7), reply.hex())


# --- malformed input: each scenario opens its own session ------------------------------------------------------------

def refused(after_handshake=True):
    """Decorates a scenario that sends something the server must refuse: it must close the connection without
    answering the offending frame."""
    def wrap(send):
        def scenario(session, report):
            if after_handshake:
                session.connect()
            send(session)
            kinds = session.expect_closed()
            answers = [wire.KIND_NAMES[k] for k in kinds if k != wire.HELLO]
            report.check("the server closed the connection without answering", not answers, f"it sent {answers}")
        return scenario
    return wrap


def request(name, payload, call_id=None):
    return lambda session: session.send_raw_request(name, payload, call_id)


def i32(value):
    return struct.pack("<i", value)


def reading_bytes(**changes):
    data = bytearray(READING.encode(reading()))
    for offset, value in changes.get("bytes", {}).items():
        data[offset] = value
    return bytes(data)


FIELD = {f.name: f for f in READING.fields}
RETRIES, SHADE_AT = FIELD["Retries"].offset, FIELD["Shade"].offset


def raw_hello(payload):
    return lambda session: session.send(wire.frame(wire.HELLO, 0, 0, payload))


def decimal_bytes(flags):
    return struct.pack("<IIQ", flags, 0, 1)


def with_descriptors(name, payload, count=None, file_for_a_socket=False):
    """Sends a request of method name with memory files (or socket ends) attached, counted in its header as count
    (default: as many as are attached); with file_for_a_socket, one memory file where the method expects a socket."""
    def send(session):
        if file_for_a_socket:
            fds = [memory_file("a file, not a socket")]
        else:
            fds = [memory_file("x"), memory_file("y")][:payload.count]
        header_count = len(fds) if count is None else count
        session.send(wire.frame(wire.REQUEST, CONFORMANCE.by_name[name].id, 1, payload.bytes, descriptors=header_count), fds)
        for fd in fds:
            os.close(fd)
    return send


class Attached:
    """A raw payload and how many descriptors to attach to it."""

    def __init__(self, data, count):
        self.bytes, self.count = data, count


def window(session):
    session.send_request("WaitAsync", [30_000])
    count = session.server["window_count"]
    session.send(b"".join(wire.frame(wire.REQUEST, CONFORMANCE.by_name["Load"].id, 1000 + i) for i in range(count)))


def duplicate(session):
    session.send_request("WaitAsync", [30_000], call_id=5)
    session.send_request("Load", [], call_id=5)


MALFORMED = {
    "bool-2": refused()(request("Not", b"\x02")),
    "enum-undefined": refused()(request("NextShade", i32(3))),
    "enum-undefined-in-struct": refused()(request("Calibrate", reading_bytes(bytes={SHADE_AT: 0}))),
    "enum-undefined-in-block": refused()(request("EchoShades", i32(2) + i32(1) + i32(7))),
    "bad-utf8": refused()(request("Greet", i32(2) + b"\xc3\x28")),
    "utf8-surrogate": refused()(request("Greet", i32(3) + b"\xed\xa0\x80")),
    "utf8-overlong": refused()(request("Greet", i32(2) + b"\xc0\xaf")),
    "null-string": refused()(request("Greet", i32(-1))),
    "negative-string-length": refused()(request("Upper", i32(-2))),
    "null-memory": refused()(request("Checksum", i32(-1))),
    "null-array": refused()(request("Reverse", i32(-1))),
    "count-too-large": refused()(request("Reverse", i32(1000) + bytes(10))),
    "negative-count": refused()(request("EchoInts", i32(-2))),
    "truncated": refused()(request("Add", VEC2.encode({"X": 1, "Y": 2}) + bytes(4))),
    "trailing-bytes": refused()(request("Not", b"\x01\x00")),
    "payload-without-parameters": refused()(request("Load", b"\x00")),
    "nullable-has-value-2": refused()(request("Halve", b"\x02" + i32(4))),
    "nullable-absent-not-zero": refused()(request("Halve", b"\x00" + i32(1))),
    "struct-nullable-absent-not-zero": refused()(request("Calibrate", reading_bytes(bytes={RETRIES: 0, RETRIES + 4: 1}))),
    "struct-bool-2": refused()(request("EchoPacked", bytes([7]) + i32(1) + b"\x02")),
    "decimal-scale-29": refused()(request("AddDecimal", decimal_bytes(29 << 16) + decimal_bytes(0))),
    "decimal-reserved-bits": refused()(request("AddDecimal", decimal_bytes(1) + decimal_bytes(0))),
    "datetime-out-of-range": refused()(request("AddTime", struct.pack("<Q", wire.MAX_TICKS + 1) + struct.pack("<q", 0))),
    "unknown-method": refused()(lambda s: s.send(wire.frame(wire.REQUEST, len(CONFORMANCE.methods), 1))),
    "oversized-frame": refused()(lambda s: s.send(wire.frame(wire.REQUEST, 0, 1, length=s.server["max_frame"] + 1))),
    "unknown-kind": refused()(lambda s: s.send(wire.frame(7, 0, 1))),
    "header-flags": refused()(lambda s: s.send(wire.frame(wire.REQUEST, CONFORMANCE.by_name["Load"].id, 1, flags=1))),
    "header-reserved": refused()(lambda s: s.send(wire.frame(wire.REQUEST, CONFORMANCE.by_name["Load"].id, 1, reserved=1))),
    "header-descriptors": refused()(lambda s: s.send(wire.frame(wire.REQUEST, CONFORMANCE.by_name["Load"].id, 1, descriptors=1))),
    "descriptors-beyond-the-method": refused()(with_descriptors("ReadAll", Attached(i32(0), 2))),
    "descriptor-on-a-method-without-handles": refused()(with_descriptors("Load", Attached(b"", 1))),
    "descriptor-named-twice": refused()(with_descriptors("Count", Attached(i32(2) + i32(0) + i32(0) + i32(-1), 2))),
    "descriptor-not-named": refused()(with_descriptors("Count", Attached(i32(1) + i32(-1) + i32(-1), 1))),
    "descriptor-socket-is-a-file": refused()(with_descriptors("Count", Attached(i32(0) + i32(0), 1), file_for_a_socket=True)),
    "response-from-client": refused()(lambda s: s.send(wire.frame(wire.RESPONSE, 0, 1))),
    "cancel-unknown-call": refused()(lambda s: s.cancel(12345)),
    "cancel-with-method-id": refused()(lambda s: s.send(wire.frame(wire.CANCEL, 1, 1))),
    "cancel-with-payload": refused()(lambda s: s.send(wire.frame(wire.CANCEL, 0, 1, b"\x00"))),
    "duplicate-call-id": refused()(duplicate),
    "beyond-request-window": refused()(window),
    "second-hello": refused()(lambda s: s.send_hello()),
    "request-before-hello": refused(after_handshake=False)(request("Load", b"")),
    "wrong-fingerprint": refused(after_handshake=False)(lambda s: s.send_hello(fingerprint=CONFORMANCE.fingerprint ^ 1)),
    "wrong-contract-name": refused(after_handshake=False)(lambda s: s.send_hello(name="Other.IConformance")),
    "wrong-version": refused(after_handshake=False)(lambda s: s.send(wire.frame(wire.HELLO, 0, 0, wire.hello_payload(
        CONFORMANCE.fingerprint, CONFORMANCE.name, wire.CLIENT_ROLE, 1 << 20, version=1)))),
    "hello-as-server": refused(after_handshake=False)(lambda s: s.send_hello(role=wire.SERVER_ROLE)),
    "hello-with-request-window": refused(after_handshake=False)(lambda s: s.send_hello(window_count=1, window_bytes=1 << 20)),
    "hello-bad-magic": refused(after_handshake=False)(raw_hello(b"SPGX" + bytes(40))),
}

#!/usr/bin/env python3
"""A SocketPairGen client written from WIRE-FORMAT.md: calls IConformance over the socket it inherits (fd 3, or
the descriptor SOCKETPAIRGEN_FD names) and checks what the server answers.

    client.py <scenario>     run one scenario, print one line per check ("PASS name" / "FAIL name: why")
    client.py --list         print the scenario names

Exit code: 0 when every check passed, 1 when one failed, 2 for a bad command line.
"""

import array
import os
import socket
import struct
import sys

import wire
from contract import CONFORMANCE
from scenarios import MALFORMED, run_calls

TIMEOUT_SECONDS = 20.0


class ServerClosed(Exception):
    """The server ended the connection."""


class Session:
    """One connection: the handshake, then calls matched to their replies by call id."""

    def __init__(self, sock, contract):
        self.sock, self.contract = sock, contract
        self.sock.settimeout(TIMEOUT_SECONDS)
        self.next_call_id = 1
        self.early = {}  # final frames read while waiting for another call
        self.server = None
        self.received_fds = []  # descriptors received (section 2.1), not yet given to a frame

    # -- bytes ---------------------------------------------------------------------------------------------------
    def send(self, data, fds=()):
        """Sends bytes; descriptors ride on the first sendmsg (section 2.1), the rest of the bytes follow plainly."""
        if fds:
            ancillary = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))]
            sent = self.sock.sendmsg([data], ancillary)
            data = data[sent:]
        if data:
            self.sock.sendall(data)

    def read_exactly(self, count):
        chunks, remaining = [], count
        space = socket.CMSG_SPACE(253 * 4)
        while remaining:
            try:
                # Always with a control buffer and MSG_CMSG_CLOEXEC: descriptors are never dropped nor inheritable.
                chunk, ancillary, flags, _ = self.sock.recvmsg(min(remaining, 1 << 20), space, socket.MSG_CMSG_CLOEXEC)
            except ConnectionResetError:
                raise ServerClosed("connection reset") from None
            for level, type, data in ancillary:
                if level == socket.SOL_SOCKET and type == socket.SCM_RIGHTS:
                    fds = array.array("i")
                    fds.frombytes(data[:len(data) - len(data) % 4])
                    self.received_fds.extend(fds)
            if flags & socket.MSG_CTRUNC:
                raise wire.ProtocolError("control data cut short")
            if not chunk:
                raise ServerClosed("end of stream")
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def read_frame(self):
        """A frame and the descriptors that came with it (a conforming server sends them only with a Response)."""
        length, kind, flags, method_id, call_id, descriptors, reserved = wire.HEADER.unpack(self.read_exactly(wire.HEADER_SIZE))
        if kind not in wire.KIND_NAMES or flags or reserved or (descriptors and kind != wire.RESPONSE):
            raise wire.ProtocolError(f"bad header: kind {kind}, flags {flags}, descriptors {descriptors}, reserved {reserved}")
        if length > CLIENT_MAX_FRAME:
            raise wire.ProtocolError(f"frame of {length} bytes announced")
        payload = self.read_exactly(length)
        if len(self.received_fds) < descriptors:
            raise wire.ProtocolError(f"a frame counting {descriptors} descriptors came with {len(self.received_fds)}")
        fds, self.received_fds = self.received_fds[:descriptors], self.received_fds[descriptors:]
        if self.received_fds:
            raise wire.ProtocolError(f"{len(self.received_fds)} descriptors came that no frame counts")
        return kind, method_id, call_id, payload, fds

    # -- handshake -----------------------------------------------------------------------------------------------
    def send_hello(self, **overrides):
        fields = {"fingerprint": self.contract.fingerprint, "name": self.contract.name, "role": wire.CLIENT_ROLE,
                  "max_frame_size": CLIENT_MAX_FRAME}
        fields.update(overrides)
        self.send(wire.frame(wire.HELLO, 0, 0, wire.hello_payload(**fields)))

    def read_server_hello(self):
        kind, method_id, call_id, payload, _ = self.read_frame()
        if kind != wire.HELLO or method_id or call_id:
            raise wire.ProtocolError(f"first frame is kind {kind}, not a Hello")
        hello = wire.parse_hello(payload)
        if hello["role"] != wire.SERVER_ROLE:
            raise wire.ProtocolError("the peer's Hello is not a server's")
        if hello["fingerprint"] != self.contract.fingerprint or hello["name"] != self.contract.name:
            raise wire.ProtocolError(
                f"contract mismatch: ours {self.contract.name} {self.contract.fingerprint:032x}, "
                f"the server's {hello['name']} {hello['fingerprint']:032x}")
        self.server = hello
        return hello

    def connect(self):
        self.send_hello()
        return self.read_server_hello()

    # -- calls ---------------------------------------------------------------------------------------------------
    def new_call_id(self):
        call_id = self.next_call_id
        self.next_call_id += 1
        return call_id

    def send_request(self, name, args, call_id=None):
        method = self.contract.by_name[name]
        call_id = self.new_call_id() if call_id is None else call_id
        payload, fds = method.encode_request(args)
        self.send(wire.frame(wire.REQUEST, method.id, call_id, payload, descriptors=len(fds)), fds)
        return call_id

    def send_raw_request(self, name, payload, call_id=None):
        call_id = self.new_call_id() if call_id is None else call_id
        self.send(wire.frame(wire.REQUEST, self.contract.by_name[name].id, call_id, payload))
        return call_id

    def cancel(self, call_id):
        self.send(wire.frame(wire.CANCEL, 0, call_id))

    def final_frame(self, call_id):
        """The final frame of call_id: ("response", payload) / ("error", type, message, trace) / ("canceled",)."""
        while call_id not in self.early:
            kind, method_id, frame_call_id, payload, fds = self.read_frame()
            if kind not in (wire.RESPONSE, wire.ERROR, wire.CANCELED):
                raise wire.ProtocolError(f"a {wire.KIND_NAMES[kind]} frame from the server")
            self.early[frame_call_id] = (kind, method_id, payload, fds)
        return self.early.pop(call_id)

    def outcome(self, name, call_id):
        method = self.contract.by_name[name]
        kind, method_id, payload, fds = self.final_frame(call_id)
        if method_id != method.id:
            raise wire.ProtocolError(f"reply to call {call_id} names method {method_id}, not {method.id}")
        if len(fds) > method.reply_descriptors:
            raise wire.ProtocolError(f"a reply of {method.name} with {len(fds)} descriptors, more than it declares")
        if kind == wire.RESPONSE:
            return ("response", method.decode_response(payload, fds))
        if kind == wire.CANCELED:
            if payload:
                raise wire.ProtocolError("Canceled frame with a payload")
            return ("canceled",)
        reader = wire.Reader(payload)
        type_name, message, trace = (wire.String(nullable=True).decode(reader) for _ in range(3))
        reader.end()
        if type_name is None or message is None:
            raise wire.ProtocolError("Error frame without a type name or message")
        return ("error", type_name, message, trace)

    def call(self, name, *args):
        return self.outcome(name, self.send_request(name, list(args)))

    def expect_closed(self):
        """Reads until the server closes the connection; returns the kinds of the frames that came first."""
        kinds = []
        while True:
            try:
                kinds.append(self.read_frame()[0])
            except ServerClosed:
                return kinds
            except socket.timeout:
                raise AssertionError(f"the server did not close the connection within {TIMEOUT_SECONDS} s") from None


CLIENT_MAX_FRAME = 16 * 1024 * 1024


class Report:
    def __init__(self):
        self.failed = 0

    def check(self, name, condition, detail=""):
        if condition:
            print(f"PASS {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}", flush=True)


def open_inherited_socket():
    fd = int(os.environ.get("SOCKETPAIRGEN_FD", "3"))
    return socket.socket(fileno=fd)


def main(argv):
    scenarios = ["calls", *MALFORMED]
    if argv == ["--list"]:
        print("\n".join(scenarios))
        return 0
    if len(argv) != 1 or argv[0] not in scenarios:
        print(f"usage: client.py <scenario> | --list; scenarios: {', '.join(scenarios)}", file=sys.stderr)
        return 2
    report = Report()
    sock = open_inherited_socket()
    session = Session(sock, CONFORMANCE)
    try:
        if argv[0] == "calls":
            run_calls(session, report)
            sock.shutdown(socket.SHUT_RDWR)
        else:
            MALFORMED[argv[0]](session, report)
    except (wire.ProtocolError, ServerClosed, AssertionError, OSError) as error:
        report.check(argv[0], False, f"{type(error).__name__}: {error}")
    finally:
        sock.close()
    print(f"{'FAILED' if report.failed else 'OK'} {argv[0]}: {report.failed} failed", flush=True)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

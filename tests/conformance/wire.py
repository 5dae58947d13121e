"""The SocketPairGen wire format, written from src/SocketPairGen/WIRE-FORMAT.md alone.

Every type knows three things: its canonical text (section 8, for the fingerprint), its wire form (sections 4.1 to
4.6) and, for fixed-size types, its memory form inside a struct (section 4.7). Decoding validates what the spec
says a receiver refuses and raises ProtocolError for it.
"""

import decimal
import hashlib
import struct
import uuid


class ProtocolError(Exception):
    """Bytes a conforming receiver refuses."""


# --- frames (section 2) -------------------------------------------------------------------------------------------

HEADER = struct.Struct("<IBBHIHH")
HEADER_SIZE = 16
HELLO, REQUEST, RESPONSE, ERROR, CANCELED, CANCEL = 1, 2, 3, 4, 5, 6
KIND_NAMES = {HELLO: "Hello", REQUEST: "Request", RESPONSE: "Response", ERROR: "Error", CANCELED: "Canceled", CANCEL: "Cancel"}


def frame(kind, method_id, call_id, payload=b"", flags=0, descriptors=0, reserved=0, length=None):
    """A whole frame; length, flags, the descriptor count and reserved may be given wrong on purpose."""
    return HEADER.pack(len(payload) if length is None else length, kind, flags, method_id, call_id, descriptors, reserved) + payload


# --- handshake (section 3) ----------------------------------------------------------------------------------------

MAGIC = b"SPGW"
PROTOCOL_VERSION = 2
CLIENT_ROLE, SERVER_ROLE = 1, 2
MAX_NAME_LENGTH = 1024


def hello_payload(fingerprint, name, role, max_frame_size, window_count=0, window_bytes=0, version=PROTOCOL_VERSION):
    encoded = name.encode("utf-8")
    return (MAGIC + struct.pack("<HBB", version, role, 0) + fingerprint.to_bytes(16, "little")
            + struct.pack("<iiq", max_frame_size, window_count, window_bytes)
            + b"\0\0" + struct.pack("<H", len(encoded)) + encoded)


def parse_hello(payload):
    """The fields of a Hello payload, validated as section 3 says (not yet compared with our contract)."""
    if len(payload) < 44 or payload[0:4] != MAGIC:
        raise ProtocolError("not a SocketPairGen handshake")
    version, role, reserved = struct.unpack_from("<HBB", payload, 4)
    if version != PROTOCOL_VERSION:
        raise ProtocolError(f"protocol version {version}")
    if reserved != 0:
        raise ProtocolError("reserved handshake byte")
    fingerprint = int.from_bytes(payload[8:24], "little")
    max_frame, window_count, window_bytes = struct.unpack_from("<iiq", payload, 24)
    (name_length,) = struct.unpack_from("<H", payload, 42)
    if name_length > MAX_NAME_LENGTH or len(payload) != 44 + name_length:
        raise ProtocolError("malformed contract name")
    name = strict_utf8(payload[44:])
    if not 4096 <= max_frame <= 1 << 30:
        raise ProtocolError(f"maximum frame size {max_frame}")
    if role == SERVER_ROLE and not (window_count >= 1 and window_bytes >= max_frame):
        raise ProtocolError("server request window")
    if role == CLIENT_ROLE and (window_count != 0 or window_bytes != 0):
        raise ProtocolError("client request window")
    return {"role": role, "fingerprint": fingerprint, "max_frame": max_frame,
            "window_count": window_count, "window_bytes": window_bytes, "name": name}


# --- the fingerprint (section 8) ----------------------------------------------------------------------------------

def canonical_text(contract_name, methods):
    lines = ["socketpairgen-contract 1", "contract " + contract_name]
    for method in methods:
        params = ",".join(p.canonical() for p in method.params)
        result = "none" if method.result is None else method.result.canonical()
        lines.append(f"method {method.id} {method.name}({params}){' cancellable' if method.cancellable else ''} -> {result}")
    return "".join(line + "\n" for line in lines)


def fingerprint(text):
    """The first 16 bytes of SHA-256, read big-endian."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:16], "big")


# --- reading a payload ----------------------------------------------------------------------------------------------

class Reader:
    def __init__(self, data, descriptors=()):
        self.data = bytes(data)
        self.position = 0
        self.descriptors = list(descriptors)  # what came with the frame (section 2.1), named in order (4.9)
        self.named = 0

    def remaining(self):
        return len(self.data) - self.position

    def take(self, count):
        if count < 0 or count > self.remaining():
            raise ProtocolError(f"truncated: {count} bytes wanted at {self.position}, {self.remaining()} left")
        chunk = self.data[self.position:self.position + count]
        self.position += count
        return chunk

    def i32(self):
        return struct.unpack("<i", self.take(4))[0]

    def end(self):
        if self.remaining():
            raise ProtocolError(f"{self.remaining()} bytes after the end of the payload")
        if self.named != len(self.descriptors):
            raise ProtocolError(f"the frame brought {len(self.descriptors)} descriptors, its payload names {self.named}")


def strict_utf8(data):
    try:
        return bytes(data).decode("utf-8", errors="strict")
    except UnicodeDecodeError as error:
        raise ProtocolError(f"invalid UTF-8: {error}") from None


# --- types (section 4) ----------------------------------------------------------------------------------------------

class Scalar:
    """A value written as its bytes (4.1). Values: int, float, bool, uuid.UUID, decimal.Decimal, DateTime."""

    def __init__(self, name, size, align, fmt=None):
        self.name, self.size, self.align, self.fmt = name, size, align, fmt

    def canonical(self):
        return self.name

    fixed = property(lambda self: self.size)
    plain = property(lambda self: self.name not in ("bool", "decimal", "datetime"))

    def encode(self, value):
        if self.name == "bool":
            return b"\x01" if value else b"\x00"
        if self.name in ("i128", "u128"):
            return int(value).to_bytes(16, "little", signed=self.name == "i128")
        if self.name == "guid":
            return value.bytes_le
        if self.name == "decimal":
            return encode_decimal(value)
        if self.name == "datetime":
            return struct.pack("<Q", (value.kind << 62) | value.ticks)
        return struct.pack("<" + self.fmt, value)

    def decode(self, reader):
        raw = reader.take(self.size)
        self.validate(raw)
        if self.name == "bool":
            return raw[0] == 1
        if self.name in ("i128", "u128"):
            return int.from_bytes(raw, "little", signed=self.name == "i128")
        if self.name == "guid":
            return uuid.UUID(bytes_le=raw)
        if self.name == "decimal":
            return decode_decimal(raw)
        if self.name == "datetime":
            (data,) = struct.unpack("<Q", raw)
            return DateTime(data & TICKS_MASK, data >> 62)
        return struct.unpack("<" + self.fmt, raw)[0]

    def validate(self, raw):
        if self.name == "bool" and raw[0] > 1:
            raise ProtocolError(f"bool {raw[0]}")
        if self.name == "decimal":
            (flags,) = struct.unpack_from("<I", raw)
            if flags & 0x7F00FFFF or (flags >> 16) & 0xFF > 28:
                raise ProtocolError(f"decimal flags {flags:#010x}")
        if self.name == "datetime":
            (data,) = struct.unpack("<Q", raw)
            if data & TICKS_MASK > MAX_TICKS:
                raise ProtocolError("DateTime ticks out of range")


TICKS_MASK = (1 << 62) - 1
MAX_TICKS = 3155378975999999999


class DateTime:
    """A .NET DateTime: 100 ns ticks since 0001-01-01 and a kind (0 unspecified, 1 UTC, 2/3 local)."""

    def __init__(self, ticks, kind=0):
        self.ticks, self.kind = ticks, kind

    def __eq__(self, other):
        return isinstance(other, DateTime) and (self.ticks, self.kind) == (other.ticks, other.kind)

    def __repr__(self):
        return f"DateTime({self.ticks}, kind={self.kind})"


def encode_decimal(value):
    sign, digits, exponent = value.as_tuple()
    magnitude = int("".join(map(str, digits)) or "0")
    scale = -exponent if exponent < 0 else 0
    magnitude *= 10 ** max(exponent, 0)
    if scale > 28 or magnitude >= 1 << 96:
        raise ValueError(f"{value} does not fit a .NET decimal")
    flags = (sign << 31) | (scale << 16)
    return struct.pack("<IIQ", flags, magnitude >> 64, magnitude & ((1 << 64) - 1))


def decode_decimal(raw):
    flags, high, low = struct.unpack("<IIQ", raw)
    magnitude = (high << 64) | low
    # Built from its digits, so no context precision rounds a 29-digit magnitude.
    return decimal.Decimal((flags >> 31, tuple(int(d) for d in str(magnitude)), -((flags >> 16) & 0xFF)))


BOOL = Scalar("bool", 1, 1)
I8, U8 = Scalar("i8", 1, 1, "b"), Scalar("u8", 1, 1, "B")
I16, U16 = Scalar("i16", 2, 2, "h"), Scalar("u16", 2, 2, "H")
CHAR, F16 = Scalar("char", 2, 2, "H"), Scalar("f16", 2, 2, "e")
I32, U32, F32 = Scalar("i32", 4, 4, "i"), Scalar("u32", 4, 4, "I"), Scalar("f32", 4, 4, "f")
I64, U64, F64 = Scalar("i64", 8, 8, "q"), Scalar("u64", 8, 8, "Q"), Scalar("f64", 8, 8, "d")
NINT, NUINT = Scalar("nint", 8, 8, "q"), Scalar("nuint", 8, 8, "Q")
I128, U128 = Scalar("i128", 16, 16), Scalar("u128", 16, 16)
DECIMAL, DATETIME = Scalar("decimal", 16, 8), Scalar("datetime", 8, 8)
TIMESPAN, GUID = Scalar("timespan", 8, 8, "q"), Scalar("guid", 16, 4)


class Enum:
    """An enum (4.2): its underlying scalar; a non-flags enum accepts only its members' values. Values: int."""

    def __init__(self, underlying, members, flags=False):
        self.underlying, self.members, self.flags = underlying, dict(members), flags
        self.size = self.fixed = underlying.size
        self.align = underlying.align

    plain = False

    def canonical(self):
        ordered = sorted(self.members.items(), key=lambda m: (m[1], m[0]))
        return ("flags(" if self.flags else "enum(") + self.underlying.name + "){" + ",".join(f"{n}={v}" for n, v in ordered) + "}"

    def encode(self, value):
        return self.underlying.encode(value)

    def decode(self, reader):
        value = self.underlying.decode(reader)
        if not self.flags and value not in self.members.values():
            raise ProtocolError(f"undefined enum value {value}")
        return value



class Field:
    def __init__(self, name, offset, length, type):
        self.name, self.offset, self.length, self.type = name, offset, length, type


class FixedBuffer:
    """fixed T Name[n] inside a struct. Values: list of n values."""

    def __init__(self, element, count):
        self.element, self.count = element, count
        self.size, self.align = element.size * count, element.align

    plain = property(lambda self: self.element.plain)

    def canonical(self):
        return f"{self.element.canonical()}[{self.count}]"

    def write(self, buffer, offset, value):
        for i, item in enumerate(value):
            buffer[offset + i * self.element.size:offset + (i + 1) * self.element.size] = self.element.encode(item)

    def read(self, raw, offset):
        return [self.element.decode(Reader(raw[offset + i * self.element.size:offset + (i + 1) * self.element.size])) for i in range(self.count)]

    def padding(self):
        return set()


class MemoryNullable:
    """Nullable<T> inside a struct (4.7): has-value byte at 0, the value at value_offset. Values: None or T's."""

    def __init__(self, value_offset, value_type):
        self.value_offset, self.value_type = value_offset, value_type
        self.align = value_type.align
        self.size = -(-(value_offset + value_type.size) // self.align) * self.align

    plain = False

    def canonical(self):
        return f"nullable@{self.value_offset}({self.value_type.canonical()})"

    def write(self, buffer, offset, value):
        if value is not None:
            buffer[offset] = 1
            write_memory(self.value_type, buffer, offset + self.value_offset, value)

    def read(self, raw, offset):
        if raw[offset] > 1:
            raise ProtocolError(f"nullable has-value byte {raw[offset]}")
        value_start = offset + self.value_offset
        if raw[offset] == 0:
            if any(raw[value_start:value_start + self.value_type.size]):
                raise ProtocolError("absent nullable field with value bytes that are not zero")
            return None
        return read_memory(self.value_type, raw, value_start, validate=True)

    def padding(self):
        inner = set(range(1, self.value_offset)) | set(range(self.value_offset + self.value_type.size, self.size))
        return inner | {self.value_offset + p for p in memory_padding(self.value_type)}


class Struct:
    """A struct sent as its bytes (4.6). Values: dict of field name to value (overlapping fields: any one)."""

    def __init__(self, size, align, fields):
        self.size, self.align, self.fields = size, align, fields
        self.fixed = size

    def canonical(self):
        ordered = sorted(self.fields, key=lambda f: (f.offset, f.name))
        return f"struct({self.size}){{" + ",".join(f"{f.name}@{f.offset}+{f.length}:{f.type.canonical()}" for f in ordered) + "}"

    def overlaps(self, field):
        return any(o is not field and o.offset < field.offset + field.length and field.offset < o.offset + o.length for o in self.fields)

    def padding(self):
        """Byte offsets no field covers, and the padding inside non-overlapping fields."""
        covered = set()
        for f in self.fields:
            covered |= set(range(f.offset, f.offset + f.length))
        pad = set(range(self.size)) - covered
        for f in self.fields:
            if not self.overlaps(f):
                pad |= {f.offset + p for p in memory_padding(f.type)}
        return pad

    @property
    def plain(self):
        return not self.padding() and all(self.overlaps(f) or memory_plain(f.type) for f in self.fields)

    def encode(self, value):
        buffer = bytearray(self.size)
        write_memory(self, buffer, 0, value)
        return bytes(buffer)

    def decode(self, reader):
        return read_memory(self, reader.take(self.size), 0, validate=True)

    def write(self, buffer, offset, value):
        for f in self.fields:
            if f.name in value:
                write_memory(f.type, buffer, offset + f.offset, value[f.name])

    def read(self, raw, offset, validate):
        return {f.name: read_memory(f.type, raw, offset + f.offset, validate and not self.overlaps(f)) for f in self.fields}


def memory_padding(type):
    return type.padding() if isinstance(type, (Struct, MemoryNullable, FixedBuffer)) else set()


def memory_plain(type):
    """Nothing to validate in memory: scalars but bool/decimal/datetime, flags enums, plain structs and buffers."""
    if isinstance(type, Enum):
        return type.flags
    return type.plain


def write_memory(type, buffer, offset, value):
    if isinstance(type, (Struct, FixedBuffer, MemoryNullable)):
        type.write(buffer, offset, value)
    else:
        buffer[offset:offset + type.size] = type.encode(value)


def read_memory(type, raw, offset, validate):
    if isinstance(type, Struct):
        return type.read(raw, offset, validate)
    if isinstance(type, (FixedBuffer, MemoryNullable)):
        return type.read(raw, offset)
    chunk = raw[offset:offset + type.size]
    if validate:
        return type.decode(Reader(chunk))
    # Overlapping (union) fields are not validated: read the bits as they are.
    if isinstance(type, Enum):
        type = type.underlying
    if type.name in ("bool", "decimal", "datetime"):
        return bytes(chunk)
    return type.decode(Reader(chunk))


def sequential(*fields, pack=0, size=0):
    """A struct laid out like .NET's sequential layout (4.7): fields are (name, memory type)."""
    placed, offset, align = [], 0, 1
    for name, type in fields:
        field_align = min(type.align, pack) if pack else type.align
        offset = -(-offset // field_align) * field_align
        placed.append(Field(name, offset, type.size, type))
        offset += type.size
        align = max(align, field_align)
    total = max(-(-max(offset, 1) // align) * align, size)
    return Struct(total, align, placed)


def explicit(*fields, size=0, pack=0):
    """A struct with FieldOffsets: fields are (name, offset, memory type)."""
    align = max([min(t.align, pack) if pack else t.align for _, _, t in fields] or [1])
    end = max([o + t.size for _, o, t in fields] or [1])
    return Struct(max(-(-end // align) * align, size), align, [Field(n, o, t.size, t) for n, o, t in fields])


def nullable_field(type):
    """Nullable<T> as a struct field (4.7): the value at T's alignment."""
    return MemoryNullable(type.align, type)


class Nullable:
    """T? (4.3): a has-value byte and T's wire form, zeros when absent. Values: None or T's."""

    def __init__(self, value):
        self.value = value
        self.fixed = 1 + value.fixed

    plain = False

    def canonical(self):
        return f"nullable({self.value.canonical()})"

    def encode(self, value):
        return b"\x00" + bytes(self.value.fixed) if value is None else b"\x01" + self.value.encode(value)

    def decode(self, reader):
        flag = reader.take(1)[0]
        if flag > 1:
            raise ProtocolError(f"nullable has-value byte {flag}")
        if flag == 0:
            if any(reader.take(self.value.fixed)):
                raise ProtocolError("absent nullable with value bytes that are not zero")
            return None
        return self.value.decode(reader)


class Tuple:
    """A value tuple (4.3): its elements one after the other. Values: tuple."""

    def __init__(self, *elements):
        self.elements = elements
        self.fixed = sum(e.fixed for e in elements)

    plain = False

    def canonical(self):
        return "tuple(" + ",".join(e.canonical() for e in self.elements) + ")"

    def encode(self, value):
        return b"".join(e.encode(v) for e, v in zip(self.elements, value, strict=True))

    def decode(self, reader):
        return tuple(e.decode(reader) for e in self.elements)


class String:
    """A string (4.4). Values: str or None; bytes may be given to send invalid UTF-8 on purpose."""

    fixed = -1
    plain = False

    def __init__(self, nullable=False):
        self.nullable = nullable

    def canonical(self):
        return "string?" if self.nullable else "string"

    def encode(self, value):
        if value is None:
            return struct.pack("<i", -1)
        data = value if isinstance(value, bytes) else value.encode("utf-8")
        return struct.pack("<i", len(data)) + data

    def decode(self, reader):
        length = reader.i32()
        if length == -1:
            if not self.nullable:
                raise ProtocolError("null for a string that cannot be null")
            return None
        if length < 0:
            raise ProtocolError(f"string length {length}")
        return strict_utf8(reader.take(length))


class Block:
    """T[], memories and spans (4.5). Values: list (bytes for u8), or None for a nullable array."""

    fixed = -1
    plain = False

    def __init__(self, element, nullable=False):
        self.element, self.nullable = element, nullable

    def canonical(self):
        return f"block({self.element.canonical()})" + ("?" if self.nullable else "")

    @property
    def is_trailer_candidate(self):
        """A block of plain elements (section 5): the last such parameter goes last on the wire."""
        return self.element.plain

    def encode(self, value):
        if value is None:
            return struct.pack("<i", -1)
        if self.element is U8:
            return struct.pack("<i", len(value)) + bytes(value)
        return struct.pack("<i", len(value)) + b"".join(self.element.encode(v) for v in value)

    def decode(self, reader):
        count = reader.i32()
        if count == -1 and self.nullable:
            return None
        if count < 0 or count * self.element.fixed > reader.remaining():
            raise ProtocolError(f"block count {count} with {reader.remaining()} bytes left")
        if self.element is U8:
            return reader.take(count)
        return [self.element.decode(reader) for _ in range(count)]


class Outgoing:
    """The descriptors a payload being encoded names, in order (section 4.9): encode() of a handle appends to it."""

    current = None


class Handle:
    """A descriptor (4.9): fd(file), fd(socket), fd(socket-handle), or a channel end carrying a contract. Values: an
    open descriptor number (int), or None for a nullable handle."""

    fixed = -1
    plain = False

    def __init__(self, kind, nullable=False):
        self.kind, self.nullable = kind, nullable

    def canonical(self):
        return self.kind + ("?" if self.nullable else "")

    def encode(self, value):
        if value is None:
            return struct.pack("<i", -1)
        Outgoing.current.append(value)
        return struct.pack("<i", len(Outgoing.current) - 1)

    def decode(self, reader):
        index = reader.i32()
        if index == -1 and self.nullable:
            return None
        if index != reader.named or index >= len(reader.descriptors):
            raise ProtocolError(f"descriptor {index} named where {reader.named} was due, of {len(reader.descriptors)}")
        reader.named += 1
        return reader.descriptors[index]


def channel(carried, nullable=False):
    """A channel end: the carried contract's fingerprint in hex, or "cycle:<name>" for one being fingerprinted."""
    return Handle(f"channel({carried})", nullable)


class Handles:
    """An array of handles with its declared maximum (4.9). Values: a list of descriptor numbers (or None)."""

    fixed = -1
    plain = False

    def __init__(self, element, maximum, nullable=False):
        self.element, self.maximum, self.nullable = element, maximum, nullable

    def canonical(self):
        return f"fds({self.element.canonical()},{self.maximum})" + ("?" if self.nullable else "")

    @property
    def limit(self):
        return self.maximum

    def encode(self, value):
        if value is None:
            return struct.pack("<i", -1)
        return struct.pack("<i", len(value)) + b"".join(self.element.encode(v) for v in value)

    def decode(self, reader):
        count = reader.i32()
        if count == -1 and self.nullable:
            return None
        if count < 0 or count * 4 > reader.remaining():
            raise ProtocolError(f"handle count {count} with {reader.remaining()} bytes left")
        return [self.element.decode(reader) for _ in range(count)]


def descriptor_limit(type):
    """How many descriptors a value of this type may carry (section 2.1)."""
    if isinstance(type, Handle):
        return 1
    if isinstance(type, Handles):
        return type.maximum
    return 0


# --- a contract ---------------------------------------------------------------------------------------------------

class Method:
    def __init__(self, name, params, result=None, cancellable=False):
        self.name, self.params, self.result, self.cancellable = name, params, result, cancellable
        self.id = None

    def wire_order(self):
        """Parameter indexes in wire order (section 5): the last block of plain elements moves to the end."""
        order = list(range(len(self.params)))
        trailers = [i for i, p in enumerate(self.params) if isinstance(p, Block) and p.is_trailer_candidate]
        if trailers:
            order.remove(trailers[-1])
            order.append(trailers[-1])
        return order

    def encode_request(self, args):
        """The request's payload, and the descriptors its handles name (to send with the frame)."""
        if len(args) != len(self.params):
            raise ValueError(f"{self.name} takes {len(self.params)} arguments")
        Outgoing.current = []
        try:
            payload = b"".join(self.params[i].encode(args[i]) for i in self.wire_order())
            return payload, Outgoing.current
        finally:
            Outgoing.current = None

    @property
    def request_descriptors(self):
        return sum(descriptor_limit(p) for p in self.params)

    @property
    def reply_descriptors(self):
        return 0 if self.result is None else descriptor_limit(self.result)

    def decode_response(self, payload, descriptors=()):
        reader = Reader(payload, descriptors)
        value = None if self.result is None else self.result.decode(reader)
        reader.end()
        return value


class Contract:
    def __init__(self, name, methods):
        # Ids: methods sorted by name (section 8: for distinct names the sort key orders them by name).
        names = [m.name for m in methods]
        if len(set(names)) != len(names):
            raise ValueError("overloads need the full sort key of section 8")
        self.name = name
        self.methods = sorted(methods, key=lambda m: [ord(c) for c in m.name])
        for index, method in enumerate(self.methods):
            method.id = index
        self.by_name = {m.name: m for m in self.methods}
        self.text = canonical_text(name, self.methods)
        self.fingerprint = fingerprint(self.text)

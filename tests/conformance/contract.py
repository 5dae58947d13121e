"""IConformance (tests/SocketPairGen.TestContracts/IConformance.cs), described by hand with the rules of WIRE-FORMAT.md.

Struct layouts are computed here with the memory layout rules of section 4.7, not copied from anywhere: the
handshake only succeeds if this description yields the fingerprint the generator computed.
"""

from wire import (
    BOOL, CHAR, DATETIME, DECIMAL, F16, F32, F64, GUID, I8, I16, I32, I64, I128, NINT, NUINT, TIMESPAN, U8, U16,
    U32, U64, U128, Block, Contract, Enum, FixedBuffer, Handle, Handles, Method, Nullable, String, Tuple, channel,
    explicit, nullable_field, sequential,
)

SHADE = Enum(I32, {"Black": -1, "Red": 1, "Green": 2, "Blue": 40})
GRADE = Enum(U8, {"Low": 0, "High": 200})
RIGHTS = Enum(I64, {"None": 0, "Read": 1, "Write": 2, "Admin": 1 << 40}, flags=True)

VEC2 = sequential(("X", I32), ("Y", I32))
READING = sequential(
    ("Tag", U8),
    ("Value", I64),
    ("Valid", BOOL),
    ("Shade", SHADE),
    ("Amount", DECIMAL),
    ("When", DATETIME),
    ("Retries", nullable_field(I32)),
    ("Where", VEC2),
    ("Code", FixedBuffer(U8, 3)),
)
PACKED = sequential(("Kind", U8), ("Length", I32), ("Final", BOOL), pack=1)
VARIANT = explicit(("AsLong", 0, I64), ("AsDouble", 0, F64), ("IsDouble", 8, BOOL), size=16)

STRING = String()

CONFORMANCE = Contract("SocketPairGen.TestContracts.Conformance.IConformance", [
    Method("Not", [BOOL], BOOL),
    Method("EchoSmall", [I8, U8, I16, U16, I32, U32], Tuple(I8, U8, I16, U16, I32, U32)),
    Method("EchoWide", [I64, U64, NINT, NUINT], Tuple(I64, U64, NINT, NUINT)),
    Method("EchoReals", [F32, F64, F16, CHAR], Tuple(F32, F64, F16, CHAR)),
    Method("EchoLarge", [I128, U128, GUID, TIMESPAN], Tuple(I128, U128, GUID, TIMESPAN)),
    Method("AddDecimal", [DECIMAL, DECIMAL], DECIMAL),
    Method("AddTime", [DATETIME, TIMESPAN], DATETIME),
    Method("NextShade", [SHADE], SHADE),
    Method("EchoGrade", [GRADE], GRADE),
    Method("Grant", [RIGHTS, RIGHTS], RIGHTS),
    Method("Halve", [Nullable(I32)], Nullable(I32)),
    Method("EchoMaybePair", [Nullable(Tuple(I32, Nullable(SHADE)))], Nullable(Tuple(I32, Nullable(SHADE)))),
    Method("Add", [VEC2, VEC2], VEC2),
    Method("Calibrate", [READING], READING),
    Method("EchoPacked", [PACKED], PACKED),
    Method("EchoVariant", [VARIANT], VARIANT),
    Method("EchoMaybeReading", [Nullable(READING)], Nullable(READING)),
    Method("Greet", [STRING], STRING),
    Method("Upper", [String(nullable=True)], String(nullable=True)),
    Method("Empty", [], STRING),
    Method("Reverse", [Block(U8)], Block(U8)),
    Method("EchoInts", [Block(I32, nullable=True)], Block(I32, nullable=True)),
    Method("Translate", [Block(VEC2), VEC2], Block(VEC2)),
    Method("EchoReadings", [Block(READING)], Block(READING)),
    Method("Invert", [Block(BOOL)], Block(BOOL)),
    Method("EchoShades", [Block(SHADE)], Block(SHADE)),
    Method("EchoMaybes", [Block(Nullable(I32))], Block(Nullable(I32))),
    Method("Checksum", [Block(U8)], I64),
    Method("EchoMemory", [Block(U8)], Block(U8)),
    Method("Sum", [Block(I32)], I32),
    Method("Scale", [Block(F64), F64], Block(F64)),
    Method("Negate", [Block(I32)], Block(I32)),
    Method("Describe", [Block(U8), VEC2, STRING, SHADE], STRING),
    Method("Spread", [I8, I16, I32, Block(U8), I64, STRING, SHADE, BOOL, F64], STRING),
    Method("Store", [I32]),
    Method("Load", [], I32),
    Method("StoreAsync", [I32]),
    Method("LoadAsync", [], I32),
    Method("PingAsync", []),
    Method("DoubleAsync", [I32], I32),
    Method("ReadAll", [Handle("fd(file)")], STRING),
    Method("Write", [String(nullable=True)], Handle("fd(file)", nullable=True)),
    Method("Count", [Handles(Handle("fd(file)", nullable=True), 4), Handle("fd(socket)", nullable=True)], I32),
    # A channel end of this very contract: it is being fingerprinted, so it stands as a cycle (section 8).
    Method("Open", [], channel("cycle:SocketPairGen.TestContracts.Conformance.IConformance")),
    Method("Fail", [STRING]),
    Method("FailLaterAsync", [STRING]),
    Method("WaitAsync", [I32], I32, cancellable=True),
    Method("Wait", [I32], I32, cancellable=True),
])

using System.Runtime.CompilerServices;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.GeneratedChannels;

/// <summary>
/// A <see cref="Nullable{T}"/> without a value carries zeros for the value, whatever its bytes held in the sender's
/// memory, and a receiver rejects anything else: the wire holds nothing it does not check.
/// </summary>
public class AbsentValueTests
{
    [Fact]
    public async Task AbsentNullableArgument_IsSentAsZeros_WhateverItsValueBytesHeld()
    {
        int? dirty = null;
        Unsafe.Add(ref Unsafe.As<int?, byte>(ref dirty), 4) = 0xCC; // the value bytes behind HasValue == false
        Assert.Null(dirty);

        (_, byte[] payload) = await RawEverythingPeer.CaptureRequestAsync(c => c.EchoNullableInt(dirty)!);

        Assert.Equal(new byte[5], payload);
    }

    [Fact]
    public async Task AbsentNullableFieldOfAStruct_IsSentAsZeros_WhateverItsValueBytesHeld()
    {
        Optional dirty = default;
        Unsafe.InitBlockUnaligned(ref Unsafe.As<Optional, byte>(ref dirty), 0xCC, (uint)Unsafe.SizeOf<Optional>());
        Unsafe.As<Optional, byte>(ref dirty) = 0; // Tint's has-value byte: absent, with 0xCC in its value bytes
        dirty.Id = 4;
        Assert.Null(dirty.Tint);

        (_, byte[] payload) = await RawEverythingPeer.CaptureRequestAsync(c => c.EchoOptional(dirty));

        // Optional: Color? Tint (has-value byte @0, padding 1..3, value @4), int Id @8.
        Assert.Equal(12, payload.Length);
        Assert.All(payload[0..8], b => Assert.Equal(0, b));
        Assert.Equal(4, BitConverter.ToInt32(payload, 8));
    }

    public static TheoryData<string, string> AbsentValues => new()
    {
        // call with an absent value, what the error names
        { nameof(IEverything.EchoNullableInt), "int?" },
        { nameof(IEverything.EchoNullablePadded), "Padded?" },
        { nameof(IEverything.EchoMixedTuple), "Point?" },
        { nameof(IEverything.EchoOptional), "Optional.Tint" },
        { nameof(IEverything.EchoNested), "Nested.Maybe" },
    };

    [Theory]
    [MemberData(nameof(AbsentValues))]
    public async Task ServerReceivingNonZeroBytesForAnAbsentValue_FaultsWithProtocolError(string method, string expected)
    {
        (Func<IEverything, object> call, int valueOffset) = AbsentValueCall(method);
        (FrameHeader header, byte[] payload) = await RawEverythingPeer.CaptureRequestAsync(call);
        Assert.Equal(0, payload[valueOffset]);
        payload[valueOffset] = 1;

        Exception? error = await RawEverythingPeer.ServeOneRequestAsync(header, payload);

        Assert.Contains(expected, Assert.IsType<ChannelProtocolException>(error).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AbsentValues))]
    public async Task ClientReceivingNonZeroBytesForAnAbsentValue_FailsTheCallWithProtocolError(string method, string expected)
    {
        (Func<IEverything, object> call, int valueOffset) = AbsentValueCall(method);
        (_, byte[] reply) = await RawEverythingPeer.CaptureRequestAsync(call); // an echo's reply is its request
        reply[valueOffset] = 1;

        Exception? error = await Record.ExceptionAsync(() => RawEverythingPeer.CallAnsweredWithAsync(call, reply));

        Assert.Contains(expected, Assert.IsType<ChannelProtocolException>(error).Message, StringComparison.Ordinal);
    }

    /// <summary>An echo call whose value holds an absent nullable, and where that nullable's value bytes are on the wire.</summary>
    private static (Func<IEverything, object> Call, int ValueOffset) AbsentValueCall(string method) => method switch
    {
        nameof(IEverything.EchoNullableInt) => (c => c.EchoNullableInt(null)!, 1),
        nameof(IEverything.EchoNullablePadded) => (c => c.EchoNullablePadded(null)!, 1 + 8), // Padded.Value
        nameof(IEverything.EchoMixedTuple) => (c => c.EchoMixedTuple((Color.Red, null, 0)), 4 + 1), // after the Color and the has-value byte
        nameof(IEverything.EchoOptional) => (c => c.EchoOptional(new Optional { Id = 4 }), 4),
        _ => (c => c.EchoNested(default(Nested) with { Color = Color.Red }), MaybeValueOffset()),
    };

    /// <summary>Where the runtime puts <see cref="Nested.Maybe"/>'s value: a struct travels in its memory layout.</summary>
    private static int MaybeValueOffset()
    {
        Nested nested = default;
        ref byte start = ref Unsafe.As<Nested, byte>(ref nested);
        ref byte maybe = ref Unsafe.As<int?, byte>(ref nested.Maybe);
        return (int)Unsafe.ByteOffset(ref start, ref maybe) + sizeof(int); // an int? holds its int after 4 bytes
    }
}

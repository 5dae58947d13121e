using System.Buffers;
using System.Text;
using SocketPairGen.Channels;

namespace SocketPairGen.Wire;

/// <summary>
/// The payload of an Error frame: three strings in <see cref="WireWriter.WriteString"/> form, the exception's type
/// name, its message, and its stack trace (null unless the server sends stack traces).
/// </summary>
/// <remarks>
/// The three are cut so the whole payload fits the largest frame the client accepts (at least 4096 bytes), whatever
/// the exception holds: an error that cannot be delivered would leave its caller waiting. Cuts fall between
/// characters, never inside one, so the client's strict UTF-8 check always passes; a cut text ends with "…".
/// </remarks>
internal readonly ref struct ErrorPayload : IFramePayload
{
    /// <summary>A type name gets at most this many UTF-8 bytes (a deeply generic type's name runs to many more).</summary>
    private const int MaxTypeNameBytes = 1024;

    /// <summary>A message or stack trace gets at most this many UTF-8 bytes, so an error frame stays small even when
    /// the client accepts large frames.</summary>
    private const int MaxTextBytes = 48 * 1024;

    private const string CutMark = "…";
    private const int CutMarkBytes = 3;
    private const int StringCount = 3;
    private const int LengthPrefixBytes = 4;

    private readonly string _typeName;
    private readonly string _message;
    private readonly string? _stackTrace;

    /// <summary>Reads what the error frame carries from <paramref name="exception"/> (defensively: its
    /// <c>Message</c> or <c>StackTrace</c> may throw) and cuts it to <paramref name="maxPayloadLength"/> bytes.</summary>
    public ErrorPayload(Exception exception, bool includeStackTrace, int maxPayloadLength)
    {
        Type type = exception.GetType();
        string message = Read(exception, static e => e.Message, "message");
        string? stackTrace = includeStackTrace ? Read(exception, static e => e.StackTrace, "stack trace") : null;

        int room = maxPayloadLength - StringCount * LengthPrefixBytes;
        _typeName = Cut(type.FullName ?? type.Name, Math.Min(MaxTypeNameBytes, room / 4));
        room -= Encoding.UTF8.GetByteCount(_typeName);

        int messageBytes = Math.Min(Encoding.UTF8.GetByteCount(message), MaxTextBytes);
        int stackTraceBytes = stackTrace is null ? 0 : Math.Min(Encoding.UTF8.GetByteCount(stackTrace), MaxTextBytes);
        if (messageBytes + stackTraceBytes > room)
        {
            // Each gets half the room; what one of them does not need goes to the other.
            int half = room / 2;
            if (messageBytes <= half)
            {
                stackTraceBytes = room - messageBytes;
            }
            else if (stackTraceBytes <= half)
            {
                messageBytes = room - stackTraceBytes;
            }
            else
            {
                messageBytes = half;
                stackTraceBytes = room - half;
            }
        }

        _message = Cut(message, messageBytes);
        _stackTrace = stackTrace is null ? null : Cut(stackTrace, stackTraceBytes);
    }

    public long InlineLength => WireWriter.MeasureString(_typeName) + WireWriter.MeasureString(_message) + WireWriter.MeasureString(_stackTrace);

    public ReadOnlySpan<byte> Trailer => default;

    public void WriteInline(ref WireWriter writer)
    {
        writer.WriteString(_typeName);
        writer.WriteString(_message);
        writer.WriteString(_stackTrace);
    }

    /// <summary>Decodes an Error frame into the <see cref="ChannelRemoteException"/> the caller gets.</summary>
    public static ChannelRemoteException Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        string? typeName = reader.ReadString();
        string? message = reader.ReadString();
        string? stackTrace = reader.ReadString();
        reader.EnsureEnd();
        if (typeName is null || message is null)
        {
            throw new ChannelProtocolException("Received an error frame without an exception type name or message.");
        }

        return new ChannelRemoteException(typeName, message, stackTrace);
    }

    /// <summary>Reads a property of an exception the implementation threw; a property that throws in turn is
    /// described instead, so the caller still learns what went wrong.</summary>
    private static string Read(Exception exception, Func<Exception, string?> property, string what)
    {
        try
        {
            return property(exception) ?? "";
        }
        catch (Exception ex)
        {
            return $"(the exception's {what} could not be read: {ex.GetType().FullName})";
        }
    }

    /// <summary>
    /// <paramref name="text"/> if its UTF-8 form fits <paramref name="maxBytes"/>, else its longest prefix of whole
    /// characters that fits with the cut mark. Unpaired surrogates count as the three bytes of the U+FFFD that
    /// <see cref="WireWriter.WriteString"/> sends for them, as <see cref="Encoding.GetByteCount(string)"/> counts them.
    /// </summary>
    internal static string Cut(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        int room = maxBytes - CutMarkBytes;
        if (room < 0)
        {
            return "";
        }

        ReadOnlySpan<char> chars = text;
        int bytes = 0;
        int index = 0;
        while (index < chars.Length)
        {
            OperationStatus status = Rune.DecodeFromUtf16(chars[index..], out Rune rune, out int consumed);
            int length = status == OperationStatus.Done ? rune.Utf8SequenceLength : 3;
            if (bytes + length > room)
            {
                break;
            }

            bytes += length;
            index += Math.Max(consumed, 1);
        }

        return string.Concat(chars[..index], CutMark);
    }
}

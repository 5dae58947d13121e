using SocketPairGen.Channels;

namespace SocketPairGen.Wire;

/// <summary>
/// The payload of an Error frame: three strings in <see cref="WireWriter.WriteString"/> form, the exception's type
/// name, its message, and its stack trace (null unless the server sends stack traces).
/// </summary>
internal readonly ref struct ErrorPayload : IFramePayload
{
    /// <summary>Messages and stack traces are cut to this many characters, so an error frame stays small.</summary>
    private const int MaxTextLength = 16 * 1024;

    private readonly string _typeName;
    private readonly string _message;
    private readonly string? _stackTrace;

    public ErrorPayload(Exception exception, bool includeStackTrace)
    {
        _typeName = exception.GetType().FullName ?? exception.GetType().Name;
        _message = Cut(exception.Message);
        _stackTrace = includeStackTrace ? Cut(exception.StackTrace) : null;
    }

    public int InlineLength => WireWriter.MeasureString(_typeName) + WireWriter.MeasureString(_message) + WireWriter.MeasureString(_stackTrace);

    public ReadOnlySpan<byte> Trailer => default;

    public void WriteInline(Span<byte> destination)
    {
        var writer = new WireWriter(destination);
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

    private static string Cut(string? text) =>
        text is null ? "" : text.Length <= MaxTextLength ? text : string.Concat(text.AsSpan(0, MaxTextLength), "…");
}

namespace Vupe.Server.Documents;

/// <summary>
/// A forward-only read of bytes already taken from a stream (to sniff its type) followed by the rest of it, so an
/// upload is read once, from the network straight into the blob store.
/// </summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefix.Length) return CopyPrefix(buffer);
        return rest.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < prefix.Length) return ValueTask.FromResult(CopyPrefix(buffer.Span));
        return rest.ReadAsync(buffer, cancellationToken);
    }

    private int CopyPrefix(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, prefix.Length - _position);
        prefix.Span.Slice(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    /// <summary>Reads up to <paramref name="length"/> bytes (fewer only at the end of the stream).</summary>
    public static async Task<byte[]> ReadHeaderAsync(Stream stream, int length, CancellationToken ct)
    {
        var header = new byte[length];
        var read = await stream.ReadAtLeastAsync(header, length, throwOnEndOfStream: false, ct);
        return read == length ? header : header[..read];
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

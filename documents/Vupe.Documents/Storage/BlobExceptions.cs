namespace Vupe.Documents.Storage;

/// <summary>The upload went past the size limit; nothing was stored.</summary>
public sealed class BlobTooLargeException : Exception
{
    public BlobTooLargeException(long maxBytes)
        : base($"The content exceeds the limit of {maxBytes} bytes.") => MaxBytes = maxBytes;

    public BlobTooLargeException() : base("The content exceeds the size limit.") { }

    public BlobTooLargeException(string message) : base(message) { }

    public BlobTooLargeException(string message, Exception innerException) : base(message, innerException) { }

    public long MaxBytes { get; }
}

/// <summary>No blob is stored under the requested name.</summary>
public sealed class BlobNotFoundException : Exception
{
    public BlobNotFoundException() : base("No such blob.") { }

    public BlobNotFoundException(string message) : base(message) { }

    public BlobNotFoundException(string message, Exception innerException) : base(message, innerException) { }
}

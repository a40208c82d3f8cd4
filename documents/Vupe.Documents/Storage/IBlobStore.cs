namespace Vupe.Documents.Storage;

/// <summary>A stored piece of content, named by the SHA-256 of its bytes.</summary>
public sealed record StoredBlob(string Sha256Hex, long Length);

/// <summary>
/// Content-addressed storage: a blob's name is the SHA-256 of its bytes, computed by the store itself,
/// so identical uploads share one copy and a stored file can always be checked against its name.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the content, reading it once. Throws <see cref="BlobTooLargeException"/> past <paramref name="maxBytes"/>.</summary>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored blob for reading; throws <see cref="BlobNotFoundException"/> when there is none.</summary>
    Task<Stream> OpenReadAsync(string sha256Hex, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string sha256Hex, CancellationToken cancellationToken = default);

    /// <summary>Removes a blob when its retention period ends. Returns false when it was not there.</summary>
    Task<bool> DeleteAsync(string sha256Hex, CancellationToken cancellationToken = default);
}

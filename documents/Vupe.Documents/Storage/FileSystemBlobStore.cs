using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vupe.Documents.Storage;

/// <summary>
/// Blobs as files named by their SHA-256 under a root directory. Content is hashed while it is copied to a
/// temporary file beside its final place and then renamed, so a reader never sees a half-written blob and a
/// crash leaves at most a temporary file (named <c>*.tmp</c>) that no name points to.
/// </summary>
public sealed partial class FileSystemBlobStore : IBlobStore
{
    private const int BufferSize = 81920;
    private readonly string _root;
    private readonly ILogger<FileSystemBlobStore> _logger;

    public FileSystemBlobStore(IOptions<FileSystemBlobStoreOptions> options, ILogger<FileSystemBlobStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.GetFullPath(options.Value.RootDirectory);
        _logger = logger;
    }

    public async Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        // The temporary file sits in the store's own tree so the final rename never crosses file systems.
        var tempDirectory = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(tempDirectory);
        var tempPath = Path.Combine(tempDirectory, $"{Guid.NewGuid():N}.tmp");
        try
        {
            var (hash, length) = await CopyHashingAsync(content, tempPath, maxBytes, cancellationToken).ConfigureAwait(false);
            var sha = Convert.ToHexStringLower(hash);
            var finalPath = PathOf(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            try
            {
                File.Move(tempPath, finalPath, overwrite: false);
                LogStored(sha, length);
            }
            catch (IOException) when (File.Exists(finalPath))
            {
                // Same name, same bytes: another upload of this content got there first.
                File.Delete(tempPath);
            }
            return new StoredBlob(sha, length);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        var path = PathOf(BlobName.Validate(sha256Hex));
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
            return Task.FromResult(stream);
        }
        catch (FileNotFoundException ex)
        {
            throw new BlobNotFoundException($"No blob is stored under {sha256Hex}.", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new BlobNotFoundException($"No blob is stored under {sha256Hex}.", ex);
        }
    }

    public Task<bool> ExistsAsync(string sha256Hex, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(PathOf(BlobName.Validate(sha256Hex))));

    public Task<bool> DeleteAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        var path = PathOf(BlobName.Validate(sha256Hex));
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }
        File.Delete(path);
        LogDeleted(sha256Hex);
        return Task.FromResult(true);
    }

    internal string PathOf(string sha256Hex) => Path.Combine(_root, sha256Hex[..2], sha256Hex[2..4], sha256Hex);

    private static async Task<(byte[] Hash, long Length)> CopyHashingAsync(Stream content, string tempPath, long maxBytes, CancellationToken cancellationToken)
    {
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var target = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            long length = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    throw new BlobTooLargeException(maxBytes);
                }
                hasher.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
            // Durable before the rename makes it visible under its name.
            await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            target.Flush(flushToDisk: true);
            return (hasher.GetHashAndReset(), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            LogTempNotDeleted(ex, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored blob {Sha256} ({Length} bytes)")]
    private partial void LogStored(string sha256, long length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted blob {Sha256}")]
    private partial void LogDeleted(string sha256);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete temporary file {Path}")]
    private partial void LogTempNotDeleted(Exception exception, string path);
}

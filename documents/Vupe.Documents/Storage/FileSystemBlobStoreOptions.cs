namespace Vupe.Documents.Storage;

public sealed class FileSystemBlobStoreOptions
{
    /// <summary>Directory under which blobs live as <c>ab/cd/abcd…</c>; created when missing.</summary>
    public string RootDirectory { get; set; } = "data/blobs";
}

using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vupe.Documents.Storage;

namespace Vupe.Documents.Tests.Storage;

public sealed class FileSystemBlobStoreTests
{
    private TempDirectory _dir = null!;
    private FileSystemBlobStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _store = new FileSystemBlobStore(Options.Create(new FileSystemBlobStoreOptions { RootDirectory = _dir.Path }), NullLogger<FileSystemBlobStore>.Instance);
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    private string[] BlobFiles() => Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories);

    [Test]
    public async Task Stores_under_the_sha256_of_the_content_and_reads_back_identical_bytes()
    {
        var bytes = RandomBytes(300_000);
        var blob = await _store.PutAsync(new MemoryStream(bytes), 1_000_000);

        Assert.That(blob.Sha256Hex, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.That(blob.Length, Is.EqualTo(bytes.Length));
        Assert.That(File.Exists(Path.Combine(_dir.Path, blob.Sha256Hex[..2], blob.Sha256Hex[2..4], blob.Sha256Hex)), Is.True);
        await using var read = await _store.OpenReadAsync(blob.Sha256Hex);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(bytes));
        Assert.That(await _store.ExistsAsync(blob.Sha256Hex), Is.True);
    }

    [Test]
    public async Task Same_content_twice_is_one_file()
    {
        var bytes = RandomBytes(10_000);
        var first = await _store.PutAsync(new MemoryStream(bytes), 1_000_000);
        var second = await _store.PutAsync(new MemoryStream(bytes), 1_000_000);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(BlobFiles(), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_puts_of_the_same_content_all_succeed_with_one_file()
    {
        var bytes = RandomBytes(200_000);
        var blobs = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _store.PutAsync(new MemoryStream(bytes), 1_000_000))));

        Assert.That(blobs.Distinct().Count(), Is.EqualTo(1));
        Assert.That(BlobFiles(), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Over_limit_upload_throws_and_leaves_no_file()
    {
        var ex = await Assert.ThrowsAsync<BlobTooLargeException>(() => _store.PutAsync(new MemoryStream(RandomBytes(100_001)), 100_000));

        Assert.That(ex!.MaxBytes, Is.EqualTo(100_000));
        Assert.That(BlobFiles(), Is.Empty);
    }

    [Test]
    public async Task Delete_removes_the_blob_and_reports_whether_it_was_there()
    {
        var blob = await _store.PutAsync(new MemoryStream([1, 2, 3]), 10);

        Assert.That(await _store.DeleteAsync(blob.Sha256Hex), Is.True);
        Assert.That(await _store.DeleteAsync(blob.Sha256Hex), Is.False);
        Assert.That(await _store.ExistsAsync(blob.Sha256Hex), Is.False);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => _store.OpenReadAsync(blob.Sha256Hex));
    }

    [TestCase("../../etc/passwd")]
    [TestCase("ABCDEF")]
    [TestCase("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    public async Task Names_that_are_not_lower_case_sha256_are_refused(string name) =>
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ExistsAsync(name));
}

using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vupe.Server.Data;

namespace Vupe.Server.Audit;

/// <summary>
/// Where verification reads the checkpoints from, oldest first and only what is new since the last read: the anchor
/// file when one is configured (the copy the database's writer cannot touch), else the database's own copy.
/// </summary>
internal interface IAnchorJournal
{
    /// <summary>In Spanish, for verdicts: "archivo de anclaje" or "base de datos".</summary>
    string Source { get; }

    /// <summary>
    /// Hands every checkpoint written since the last call to <paramref name="apply"/>, in order. False when the
    /// journal no longer holds what was read before (the file shrank): the reader must start over from the beginning.
    /// </summary>
    Task<bool> ReadNewAsync(Action<AnchorLine> apply, CancellationToken ct);
}

/// <summary>
/// The anchor file: JSON lines, only ever appended to. A line half written when the process died (no newline) is not
/// read; the next append first ends it, so it stays one unreadable line instead of spoiling the next checkpoint.
/// </summary>
internal sealed class AnchorFile(string path) : IAnchorJournal
{
    // One append at a time in this process; appends of several nodes to a shared file are single O_APPEND writes.
    private static readonly SemaphoreSlim Appending = new(1, 1);
    private long _position;

    public string Source => "archivo de anclaje";

    public async Task AppendAsync(AnchorLine line, CancellationToken ct)
    {
        var text = JsonSerializer.Serialize(line) + "\n";
        await Appending.WaitAsync(ct);
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
            if (!EndsWithNewline()) text = "\n" + text;
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            Appending.Release();
        }
    }

    private bool EndsWithNewline()
    {
        if (!File.Exists(path)) return true;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length == 0) return true;
        file.Position = file.Length - 1;
        return file.ReadByte() == '\n';
    }

    public async Task<bool> ReadNewAsync(Action<AnchorLine> apply, CancellationToken ct)
    {
        if (!File.Exists(path)) return _position == 0;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        if (file.Length < _position)
        {
            _position = 0;
            return false;
        }
        file.Position = _position;
        using var line = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            var start = 0;
            int newline;
            while ((newline = Array.IndexOf(buffer, (byte)'\n', start, read - start)) >= 0)
            {
                line.Write(buffer, start, newline - start);
                _position += line.Length + 1;
                if (line.Length > 0) apply(Parse(line.ToArray()));
                line.SetLength(0);
                start = newline + 1;
            }
            line.Write(buffer, start, read - start); // the start of a line not ended yet: read again next time
        }
        return true;
    }

    private static AnchorLine Parse(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<AnchorLine>(bytes) ?? new AnchorLine("", "");
        }
        catch (JsonException)
        {
            return new AnchorLine("", ""); // unreadable: a line torn by a crash, or garbage; it anchors nothing
        }
    }
}

/// <summary>The database's copy of the checkpoints (<see cref="AuditCheckpoint"/> rows, by id).</summary>
internal sealed class DatabaseAnchorJournal(IDbContextFactory<VupeDbContext> contexts) : IAnchorJournal
{
    private const int Page = 200;
    private long _lastId;

    public string Source => "base de datos";

    public async Task<bool> ReadNewAsync(Action<AnchorLine> apply, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        while (true)
        {
            var after = _lastId;
            var rows = await db.Set<AuditCheckpoint>().AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Take(Page)
                .Select(c => new { c.Id, c.Content, c.Signature }).ToListAsync(ct);
            foreach (var row in rows)
            {
                apply(new AnchorLine(row.Content, row.Signature));
                _lastId = row.Id;
            }
            if (rows.Count < Page) return true;
        }
    }
}

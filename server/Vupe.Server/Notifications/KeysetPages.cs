namespace Vupe.Server.Notifications;

/// <summary>
/// The scans' way through many rows: pages ordered by an instant (ties by id), each page read from the previous page's
/// last instant on, the rows of that instant it already returned skipped by count. An index on the instant is searched
/// from there, so a scan reads each row about once; paging by offset read every earlier page again for each page (and,
/// where the order is not an index's, sorted them again) — quadratic in the rows, every minute.
/// </summary>
internal static class KeysetPages
{
    /// <param name="page">
    /// One page of at most <paramref name="take"/> rows in the instant's order: from the caller's own start when the
    /// instant given is null, else from that instant inclusive; the first rows skipped by the count given.
    /// </param>
    /// <param name="instantOf">The instant the rows are ordered by.</param>
    /// <param name="take">The page size <paramref name="page"/> uses: a shorter page is the last.</param>
    public static async IAsyncEnumerable<List<T>> ReadAsync<T>(Func<DateTimeOffset?, int, Task<List<T>>> page, Func<T, DateTimeOffset> instantOf, int take)
    {
        DateTimeOffset? from = null;
        var skip = 0;
        while (true)
        {
            var rows = await page(from, skip);
            if (rows.Count > 0) yield return rows;
            if (rows.Count < take) yield break;
            var last = instantOf(rows[^1]);
            // A page that began and ended at one instant: the next one skips further into that instant.
            if (from == last) skip += rows.Count;
            else (from, skip) = (last, rows.Count(r => instantOf(r) == last));
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vupe.Bench.Matching;
using Vupe.JobBank.Classification;
using Vupe.JobBank.Matching;
using Vupe.Server.Data;

// Issue 13's matching target: one seeker against 100,000 open vacancies and one vacancy against 1,000,000 seekers,
// p95 < 50 ms on SQLite, through the server's API (GET /api/parties/{id}/matches, GET /api/vacancies/{id}/candidates),
// with the top 20 equal to an exhaustive ranking. Two steps, run by bench/matching.sh:
//   generate <data-folder> [vacancies] [seekers] [occupations] [seed]   writes the population into the server's database
//   query <url> [vacancies] [seekers] [occupations] [seed] [queries]      measures against the running server
// Last line (query): vacancies=<n> seekers=<n> seeker_p95_ms=<x> vacancy_p95_ms=<y>
var mode = args.ElementAtOrDefault(0) ?? throw new ArgumentException("generate <data> | query <url>");
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
var (vacancyCount, seekerCount, occupationCount, seed) = (Arg(2, 100_000), Arg(3, 1_000_000), Arg(4, 520), Arg(5, 2026));

var clock = Stopwatch.StartNew();
var population = new Population(seed, occupationCount, vacancyCount, seekerCount);
Console.WriteLine($"# population: {population.Occupations.Length} occupations, {vacancyCount} vacancies, {seekerCount} seekers (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s");
var largest = population.Seekers.SelectMany(s => s.Occupations).GroupBy(o => o).Max(g => g.Count());
Console.WriteLine($"# largest occupation: {largest} seekers");

if (mode == "generate")
{
    var folder = args[1];
    Directory.CreateDirectory(folder);
    var options = new DbContextOptionsBuilder<VupeDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "vupe.db")}").Options;
    await using (var db = new VupeDbContext(options))
    {
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
    }
    var now = DateTimeOffset.UtcNow;
    var company = Guid.NewGuid();
    clock.Restart();
    foreach (var batch in population.Vacancies.Chunk(20_000))
        await SaveAsync(batch.Select(v => (object)Population.ToEntity(v, company, now)));
    foreach (var batch in population.Seekers.Chunk(50_000))
        await SaveAsync(batch.Select(s => (object)Population.ToEntity(s, now)));
    Console.WriteLine($"# written in {clock.Elapsed.TotalSeconds:F1} s");
    return 0;

    async Task SaveAsync(IEnumerable<object> rows)
    {
        await using var db = new VupeDbContext(options);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }
}

var url = args[1];
var queries = Arg(6, 200);
using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
var token = await http.PostAsJsonAsync("/api/auth/token", new { userName = "consultor.lim", password = "Vupe.Demo.2026" });
token.EnsureSuccessStatusCode();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

var random = new Random(seed + 1);
clock.Restart();
await IdsAsync($"/api/parties/{population.Seekers[0].PartyId}/matches?top=20", "vacancy");
Console.WriteLine($"# first answer (the server loads its matching index) after {clock.Elapsed.TotalSeconds:F1} s");

var seekerSample = Enumerable.Range(0, queries).Select(_ => population.Seekers[random.Next(seekerCount)]).ToList();
var vacancySample = Enumerable.Range(0, queries).Select(_ => population.Vacancies[random.Next(vacancyCount)]).ToList();
var seekerTimes = new List<double>();
var seekerAnswers = new List<List<Guid>>();
foreach (var seeker in seekerSample)
{
    var watch = Stopwatch.StartNew();
    seekerAnswers.Add(await IdsAsync($"/api/parties/{seeker.PartyId}/matches?top=20", "vacancy"));
    seekerTimes.Add(watch.Elapsed.TotalMilliseconds);
}
var vacancyTimes = new List<double>();
var vacancyAnswers = new List<List<Guid>>();
foreach (var vacancy in vacancySample)
{
    var watch = Stopwatch.StartNew();
    vacancyAnswers.Add(await IdsAsync($"/api/vacancies/{vacancy.VacancyId}/candidates?top=20", null));
    vacancyTimes.Add(watch.Elapsed.TotalMilliseconds);
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# seeker → vacancies: p50 {P(seekerTimes, 50):F1} ms, p95 {P(seekerTimes, 95):F1} ms, max {seekerTimes.Max():F1} ms, {seekerAnswers.Average(a => a.Count):F1} matches on average"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# vacancy → seekers: p50 {P(vacancyTimes, 50):F1} ms, p95 {P(vacancyTimes, 95):F1} ms, max {vacancyTimes.Max():F1} ms, {vacancyAnswers.Average(a => a.Count):F1} candidates on average"));

// The index must not drop a good match: the server's top 20 equals scoring every vacancy / every seeker.
using var reference = new MatchingIndex(OccupationCatalog.Load());
var today = DateOnly.FromDateTime(DateTime.UtcNow);
var checkedQueries = Math.Min(50, queries);
var mismatches = 0;
clock.Restart();
for (var i = 0; i < checkedQueries; i++)
{
    var expected = reference.RankExhaustively(seekerSample[i], population.Vacancies, 20, today).Select(m => m.Id).ToList();
    if (!expected.SequenceEqual(seekerAnswers[i])) mismatches++;
    var expectedSeekers = reference.RankExhaustively(vacancySample[i], population.Seekers, 20).Select(m => m.Id).ToList();
    if (!expectedSeekers.SequenceEqual(vacancyAnswers[i])) mismatches++;
}
Console.WriteLine($"# exhaustive check: {2 * checkedQueries} rankings compared with scoring all {vacancyCount} vacancies / {seekerCount} seekers: {mismatches} differ ({clock.Elapsed.TotalSeconds:F1} s)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vacancies={vacancyCount} seekers={seekerCount} seeker_p95_ms={P(seekerTimes, 95):F1} vacancy_p95_ms={P(vacancyTimes, 95):F1}"));
return mismatches == 0 ? 0 : 1;

async Task<List<Guid>> IdsAsync(string path, string? nested)
{
    var response = await http.GetAsync(path);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    var json = await response.Content.ReadFromJsonAsync<JsonElement>();
    return [.. json.EnumerateArray().Select(e => nested is null ? e.GetProperty("partyId").GetGuid() : e.GetProperty(nested).GetProperty("id").GetGuid())];
}

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CitizenIdentity = Vupe.Connectors.CitizenIdentity;
using IdentityStatus = Vupe.Connectors.IdentityStatus;
using Vupe.Connectors.Simulation;
using Vupe.Engine;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;
using Vupe.Server.Offices;
using Vupe.Server.Parties;
using VupeProcesses = Vupe.Workflows.VupeProcesses;

namespace Vupe.Server.Data;

/// <summary>
/// Demo data for a fresh development server: citizens and companies registered at Lima, Cusco and
/// Arequipa, with triage cases at various steps (some diagnosed, with referral cases open), so
/// the inbox and the fichas have something to show. Runs once, on an empty register; deterministic.
/// The citizens are people the RENIEC simulator knows (<see cref="SimulatedPopulation"/>), registered with exactly
/// its names, birth dates and addresses, so a CUL requested for any of them is issued, as it would be for a ficha
/// made at the front desk (which RENIEC checks).
/// </summary>
public sealed class DemoDataSeeder(IServiceProvider services, IOptions<ServerOptions> options, IHostEnvironment environment, ILogger<DemoDataSeeder> logger)
    : IHostedService
{
    /// <summary>Where the demo's citizens are taken from in the simulated population (consecutive DNIs from here, adults only).</summary>
    private const int FirstDemoDni = 41_520_000;
    private static readonly (string Office, int Citizens)[] Offices = [("LIM", 12), ("CUS", 6), ("ARE", 4)];
    /// <summary>The citizens registered for the job bank and the four months of history, by office: most where the demo users work.</summary>
    private static readonly (string Office, int Citizens)[] HistoryOffices =
        [("LIM", 45), ("CUS", 25), ("ARE", 20), ("LAL", 8), ("PIU", 8), ("JUN", 8), ("LOR", 6), ("PUN", 6), ("CAL", 8), ("ICA", 6)];
    private static readonly string[] Companies = ["Textiles Andinos SAC", "Agroexportadora del Sur SAA", "Constructora Pachacútec EIRL", "Café Villa Rica SAC"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!(options.Value.SeedDemoData ?? environment.IsDevelopment())) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VupeDbContext>();
        if (await db.Parties.AnyAsync(cancellationToken)) return;

        // The demo's cases are opened by the system: audited as such (EngineAudit needs an actor to record who).
        using var actor = ProcessEngine.ActAs(Audit.AuditActor.System);
        var engine = scope.ServiceProvider.GetRequiredService<ProcessEngine>();
        var opener = scope.ServiceProvider.GetRequiredService<CaseOpener>();
        var definitions = await engine.Repository.ListDefinitionsAsync(ct: cancellationToken);
        ProcessDefinitionInfo Latest(string key) => definitions.Where(d => d.Key == key).MaxBy(d => d.Version)
            ?? throw new InvalidOperationException($"The catalogue has no process '{key}'.");
        var triage = Latest(VupeProcesses.CitizenTriage);
        var outreach = Latest(VupeProcesses.CompanyOutreach);
        var random = new Random(2026);
        var now = DateTimeOffset.UtcNow;
        var cases = 0;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        using var people = SimulatedPopulation.From(FirstDemoDni)
            .Where(c => c.Identity is { Status: IdentityStatus.Valid } identity && CaseOpener.AgeOn(identity.BirthDate, today) is >= 18 and <= 60)
            .GetEnumerator();

        var registered = new List<Party>();
        foreach (var (office, citizens) in Offices)
        {
            for (var i = 0; i < citizens; i++)
            {
                people.MoveNext();
                var party = NewCitizen(people.Current.Identity!, random, office, now);
                registered.Add(party);
                db.Parties.Add(party);
                await db.SaveChangesAsync(cancellationToken);
                var opened = await opener.OpenAsync(party, triage, office, [], $"consultor.{office.ToLowerInvariant()}", cancellationToken);
                cases++;
                // Every other citizen has been diagnosed already: their referral decision waits for confirmation.
                if (i % 2 == 0) await DiagnoseAsync(engine, opened, party, random, office, cancellationToken);
            }
        }
        for (var i = 0; i < Companies.Length; i++)
        {
            var ruc = $"20{random.Next(10_000_000, 99_999_999)}";
            ruc += DocumentNumbers.RucCheckDigit(ruc);
            var company = new Party
            {
                Kind = PartyKind.Company, DocumentType = DocumentType.Ruc, DocumentNumber = ruc, DisplayName = Companies[i], SearchName = TextFolding.Fold(Companies[i]),
                RegisteredAtOffice = "LIM", CreatedAt = now, UpdatedAt = now, CreatedBy = "demo",
                Company = new CompanyProfile { LegalName = Companies[i], Sector = i % 2 == 0 ? "Manufactura" : "Agroindustria", Employees = 20 + 40 * i },
            };
            db.Parties.Add(company);
            await db.SaveChangesAsync(cancellationToken);
            await opener.OpenAsync(company, outreach, "LIM", [], "consultor.lim", cancellationToken);
            cases++;
        }
        // More citizens, registered without a case yet, so the national job bank has candidates in every office's region.
        foreach (var office in HistoryOffices.SelectMany(o => Enumerable.Repeat(o.Office, o.Citizens)))
        {
            people.MoveNext();
            var party = NewCitizen(people.Current.Identity!, random, office, now);
            registered.Add(party);
            db.Parties.Add(party);
        }
        await new Demo.DemoJobBank(db, scope.ServiceProvider.GetRequiredService<Vupe.JobBank.Classification.OccupationCatalog>(), seed: 4242).SeedAsync(registered, now, cancellationToken);
        if (scope.ServiceProvider.GetService<Demo.DemoClock>() is { } clock)
            cases += await HistoryAsync(engine, opener, triage, registered.Skip(Offices.Sum(o => o.Citizens)).ToList(), clock, random, cancellationToken);
        logger.LogInformation("Demo data: {Parties} parties, {Cases} cases opened, the job bank's vacancies, seekers and placements", registered.Count + Companies.Length, cases);
    }

    /// <summary>
    /// Four months of attention at the dates it happened: each extra citizen triaged on a day of the last 120, the
    /// recommended services confirmed, so every service's procedure has cases opened over time, most waiting at a step.
    /// </summary>
    private static async Task<int> HistoryAsync(ProcessEngine engine, CaseOpener opener, ProcessDefinitionInfo triage, List<Party> citizens, Demo.DemoClock clock,
        Random random, CancellationToken ct)
    {
        var opened = 0;
        try
        {
            foreach (var (citizen, daysAgo) in citizens.Select(c => (c, random.Next(1, 120))).OrderByDescending(x => x.Item2))
            {
                clock.Offset = -TimeSpan.FromDays(daysAgo) + TimeSpan.FromHours(random.Next(0, 8));
                var office = citizen.RegisteredAtOffice;
                var consultant = $"consultor.{office.ToLowerInvariant()}";
                var caseFile = await opener.OpenAsync(citizen, triage, office, [], consultant, ct);
                await DiagnoseAsync(engine, caseFile, citizen, random, office, ct);
                var confirm = (await engine.Tasks.QueryAsync(new Engine.Persistence.TaskFilter { CaseId = caseFile.Id }, ct)).SingleOrDefault();
                if (confirm is null) continue;
                await engine.Tasks.ClaimAsync(confirm.Id, consultant, ct);
                var recommended = await engine.Cases.GetVariablesAsync(caseFile.Id, ct);
                await engine.Tasks.CompleteAsync(confirm.Id, new Dictionary<string, object?> { ["serviciosConfirmados"] = recommended.GetValueOrDefault("serviciosConfirmados") ?? new List<object?>() }, consultant, ct: ct);
                opened += 1 + (await engine.Cases.ChildrenAsync(caseFile.Id, ct)).Count;
            }
        }
        finally
        {
            clock.Offset = TimeSpan.Zero;
        }
        return opened;
    }

    private static Party NewCitizen(CitizenIdentity identity, Random random, string office, DateTimeOffset now)
    {
        var name = identity.FullName;
        var party = new Party
        {
            Kind = PartyKind.Person, DocumentType = DocumentType.Dni, DocumentNumber = identity.Dni,
            DisplayName = name, SearchName = TextFolding.Fold(name), RegisteredAtOffice = office, CreatedAt = now, UpdatedAt = now, CreatedBy = "demo",
            Person = new PersonProfile
            {
                GivenNames = identity.GivenNames, PaternalSurname = identity.PaternalSurname, MaternalSurname = identity.MaternalSurname,
                BirthDate = identity.BirthDate, Nationality = "PE", Phone = $"9{random.Next(10_000_000, 99_999_999)}", Address = identity.Address,
                // Taken from the simulated RENIEC's population itself: what a consultation would have confirmed.
                IdentityVerifiedAt = now,
                Education = [new EducationEntry { Level = random.Next(3) switch { 0 => "secundaria", 1 => "tecnica", _ => "universitaria" }, Completed = true }],
            },
        };
        party.Consents.Add(new ConsentRecord
        {
            PartyId = party.Id, Purpose = "tratamiento-datos", Granted = true, Channel = "digital", TextVersion = "v1", RecordedAt = now, RecordedBy = "demo", OfficeCode = office,
        });
        return party;
    }

    private static async Task DiagnoseAsync(ProcessEngine engine, CaseFileInfo caseFile, Party party, Random random, string office, CancellationToken ct)
    {
        var consultant = $"consultor.{office.ToLowerInvariant()}";
        var task = (await engine.Tasks.QueryAsync(new Engine.Persistence.TaskFilter { CaseId = caseFile.Id }, ct)).Single();
        await engine.Tasks.ClaimAsync(task.Id, consultant, ct);
        var unemployed = random.Next(2) == 0;
        await engine.Tasks.CompleteAsync(task.Id, new Dictionary<string, object?>
        {
            ["situacionLaboral"] = unemployed ? "desempleado" : "subempleado",
            ["mesesDesempleo"] = unemployed ? (decimal)random.Next(1, 14) : null,
            ["nivelEducativo"] = party.Person!.Education[0].Level,
            ["experienciaLaboral"] = random.Next(3) switch { 0 => "ninguna", 1 => "sin-certificar", _ => "certificada" },
            ["aniosExperiencia"] = (decimal)random.Next(0, 10),
            ["quiereEmprender"] = random.Next(4) == 0,
            ["etapaEmprendimiento"] = "idea",
            ["condicionMigratoria"] = random.Next(6) == 0 ? "extranjero" : "ninguna",
            ["tieneDiscapacidad"] = false,
            ["interesCapacitacion"] = random.Next(2) == 0,
            ["necesitaCul"] = random.Next(2) == 0,
            ["buscaEmpleoTemporal"] = random.Next(3) == 0,
            ["objetivoOcupacionalDefinido"] = random.Next(2) == 0,
        }, consultant, ct: ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

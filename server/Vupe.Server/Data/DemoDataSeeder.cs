using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;
using Vupe.Server.Parties;
using VupeProcesses = Vupe.Workflows.VupeProcesses;

namespace Vupe.Server.Data;

/// <summary>
/// Demo data for a fresh development server: citizens and companies registered at Lima, Cusco and
/// Arequipa, with triage cases at various steps (some diagnosed, with referral cases open), so
/// the inbox and the fichas have something to show. Runs once, on an empty register; deterministic.
/// </summary>
public sealed class DemoDataSeeder(IServiceProvider services, IOptions<ServerOptions> options, IHostEnvironment environment, ILogger<DemoDataSeeder> logger)
    : IHostedService
{
    private static readonly string[] GivenNames =
        ["Rosa", "Juan Carlos", "María Elena", "Luis Alberto", "Yolanda", "Percy", "Milagros", "Wilber", "Nélida", "José Luis", "Fiorella", "Edwin",
         "Gladys", "Renzo", "Maribel", "Hugo", "Sonia", "Ítalo", "Flor de María", "Ángel"];
    private static readonly string[] Surnames =
        ["Quispe", "Mamani", "Huamán", "Flores", "Condori", "Chávez", "Rojas", "Vargas", "Ccama", "Apaza", "Torres", "Ramírez", "Sánchez", "Gutiérrez",
         "Ñahui", "Paucar", "Castillo", "Salazar", "Yupanqui", "Ríos"];
    private static readonly (string Office, int Citizens)[] Offices = [("LIM", 12), ("CUS", 6), ("ARE", 4)];
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

        foreach (var (office, citizens) in Offices)
        {
            for (var i = 0; i < citizens; i++)
            {
                var party = NewCitizen(random, office, now);
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
        logger.LogInformation("Demo data: {Parties} parties, {Cases} cases opened", Offices.Sum(o => o.Citizens) + Companies.Length, cases);
    }

    private static Party NewCitizen(Random random, string office, DateTimeOffset now)
    {
        var given = GivenNames[random.Next(GivenNames.Length)];
        var paternal = Surnames[random.Next(Surnames.Length)];
        var maternal = Surnames[random.Next(Surnames.Length)];
        var name = $"{given} {paternal} {maternal}";
        var birth = DateOnly.FromDateTime(now.UtcDateTime).AddYears(-random.Next(17, 58)).AddDays(-random.Next(365));
        var party = new Party
        {
            Kind = PartyKind.Person, DocumentType = DocumentType.Dni, DocumentNumber = random.Next(10_000_000, 79_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            DisplayName = name, SearchName = TextFolding.Fold(name), RegisteredAtOffice = office, CreatedAt = now, UpdatedAt = now, CreatedBy = "demo",
            Person = new PersonProfile
            {
                GivenNames = given, PaternalSurname = paternal, MaternalSurname = maternal, BirthDate = birth, Nationality = "PE",
                Phone = $"9{random.Next(10_000_000, 99_999_999)}", Address = "Av. Demostración 123",
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

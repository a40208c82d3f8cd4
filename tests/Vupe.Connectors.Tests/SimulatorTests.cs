using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vupe.Connectors.Simulation;

namespace Vupe.Connectors.Tests;

public sealed class SimulatorTests
{
    private SimulatorControl control = null!;

    [SetUp]
    public void CreateControl() => control = new SimulatorControl();

    private SimulatedIdentityRegistry Identity(TimeProvider? time = null) =>
        new(control, time ?? TimeProvider.System, NullLogger<SimulatedIdentityRegistry>.Instance);

    private SimulatedPoliceRecords Police() => new(control, TimeProvider.System, NullLogger<SimulatedPoliceRecords>.Instance);
    private SimulatedJudicialRecords Judicial() => new(control, TimeProvider.System, NullLogger<SimulatedJudicialRecords>.Instance);
    private SimulatedPenalRecords Penal() => new(control, TimeProvider.System, NullLogger<SimulatedPenalRecords>.Instance);
    private SimulatedEducationRecords Education() => new(control, TimeProvider.System, NullLogger<SimulatedEducationRecords>.Instance);
    private SimulatedFormalEmploymentHistory Employment() => new(control, TimeProvider.System, NullLogger<SimulatedFormalEmploymentHistory>.Instance);

    private static ConnectorRequest For(string dni, string key = "case-1:cul") => new(dni, key);

    [Test]
    public async Task The_same_dni_always_gets_the_same_citizen()
    {
        var first = await Identity().LookUpAsync(For("12345678"), CancellationToken.None);
        var again = await Identity().LookUpAsync(For("12345678", "another-key"), CancellationToken.None);
        var education = await Education().GetEducationAsync(For("12345678"), CancellationToken.None);
        var educationAgain = await Education().GetEducationAsync(For("12345678"), CancellationToken.None);
        var employment = await Employment().GetEmploymentHistoryAsync(For("12345678"), CancellationToken.None);
        var employmentAgain = await Employment().GetEmploymentHistoryAsync(For("12345678"), CancellationToken.None);

        Assert.That(first.Value.Citizen, Is.Not.Null);
        Assert.That(again.Value.Citizen, Is.EqualTo(first.Value.Citizen));
        Assert.That(educationAgain.Value.Entries, Is.EqualTo(education.Value.Entries));
        Assert.That(employmentAgain.Value.Periods, Is.EqualTo(employment.Value.Periods));
    }

    [Test]
    public void Generated_citizens_are_plausible_and_differ_between_dnis()
    {
        var citizens = Enumerable.Range(0, 200).Select(i => SimulatedPopulation.Find((20_000_000 + (i * 104_729)).ToString("D8", System.Globalization.CultureInfo.InvariantCulture))).ToList();

        Assert.That(citizens.Select(c => c.Identity!.FullName).Distinct().Count(), Is.GreaterThan(150));
        Assert.That(citizens.Any(c => c.Identity!.FullName.Contains('Ñ', StringComparison.Ordinal)), Is.True, "names carry Spanish letters");
        Assert.That(citizens.Any(c => c.Identity!.FullName.IndexOfAny(['á', 'é', 'í', 'ó', 'ú']) >= 0), Is.True);
        Assert.That(citizens, Has.All.Matches<SimulatedCitizen>(c => c != null &&
            c.PoliceRecords.Count == 0 && c.JudicialRecords.Count == 0 && c.PenalRecords.Count == 0), "generated citizens never have records");
        Assert.That(citizens, Has.All.Matches<SimulatedCitizen>(c => c != null && c.Education.Count > 0 && c.Education[0].Level == EducationLevel.Secondary));
        Assert.That(citizens.SelectMany(c => c.Employment), Has.All.Matches<EmploymentPeriod>(p => p != null &&
            IsValidRuc(p.EmployerRuc) && (p.To is null || p.To >= p.From) && p.From <= SimulatedPopulation.ReferenceDate));
        Assert.That(citizens.Select(c => SimulatedPopulation.ReferenceDate.Year - c.Identity!.BirthDate.Year), Has.All.InRange(18, 66));
    }

    [Test]
    public async Task The_clean_citizen_has_no_records_anywhere()
    {
        var dni = SimulatedDnis.CleanRecords;
        var identity = await Identity().LookUpAsync(For(dni), CancellationToken.None);

        Assert.That(identity.Value.Citizen!.FullName, Is.EqualTo("María José Quispe Ñuñez"));
        Assert.That((await Police().GetRecordsAsync(For(dni), CancellationToken.None)).Value.HasRecords, Is.False);
        Assert.That((await Judicial().GetRecordsAsync(For(dni), CancellationToken.None)).Value.HasRecords, Is.False);
        Assert.That((await Penal().GetRecordsAsync(For(dni), CancellationToken.None)).Value.HasRecords, Is.False);
        Assert.That((await Education().GetEducationAsync(For(dni), CancellationToken.None)).Value.Entries.Select(e => e.Level),
            Is.EqualTo(new[] { EducationLevel.Secondary, EducationLevel.Bachelor }));
        Assert.That((await Employment().GetEmploymentHistoryAsync(For(dni), CancellationToken.None)).Value.Periods, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Each_record_citizen_has_the_documented_record_and_no_other()
    {
        Assert.That(await Counts(SimulatedDnis.PoliceRecord), Is.EqualTo((1, 0, 0)));
        Assert.That(await Counts(SimulatedDnis.JudicialRecord), Is.EqualTo((0, 1, 0)));
        Assert.That(await Counts(SimulatedDnis.PenalRecord), Is.EqualTo((0, 1, 1)));
        var police = await Police().GetRecordsAsync(For(SimulatedDnis.PoliceRecord), CancellationToken.None);
        Assert.That(police.Value.Records[0].Authority, Is.EqualTo("Comisaría PNP Zárate"));
        Assert.That(police.Source, Is.EqualTo(SourceNames.Pnp));
    }

    private async Task<(int Police, int Judicial, int Penal)> Counts(string dni) => (
        (await Police().GetRecordsAsync(For(dni), CancellationToken.None)).Value.Records.Count,
        (await Judicial().GetRecordsAsync(For(dni), CancellationToken.None)).Value.Records.Count,
        (await Penal().GetRecordsAsync(For(dni), CancellationToken.None)).Value.Records.Count);

    [Test]
    public async Task The_unregistered_dni_is_not_found_and_has_nothing_elsewhere()
    {
        var identity = await Identity().LookUpAsync(For(SimulatedDnis.NotInReniec), CancellationToken.None);
        var employment = await Employment().GetEmploymentHistoryAsync(For(SimulatedDnis.NotInReniec), CancellationToken.None);

        Assert.That(identity.Value.Found, Is.False);
        Assert.That(identity.Call.Outcome, Is.EqualTo(ConnectorCallOutcome.NotFound));
        Assert.That(identity.Reference, Is.Null);
        Assert.That(employment.Value.Periods, Is.Empty);
        Assert.That(employment.Call.Outcome, Is.EqualTo(ConnectorCallOutcome.Succeeded));
    }

    [Test]
    public async Task The_long_history_citizen_has_eight_employers_the_last_ongoing()
    {
        var result = await Employment().GetEmploymentHistoryAsync(For(SimulatedDnis.LongEmploymentHistory), CancellationToken.None);

        Assert.That(result.Value.Periods, Has.Count.EqualTo(8));
        Assert.That(result.Value.Periods[^1].To, Is.Null);
        Assert.That(result.Value.Periods.Select(p => p.EmployerRuc), Has.All.Matches<string>(IsValidRuc));
        Assert.That(result.Value.Periods.Zip(result.Value.Periods.Skip(1)), Has.All.Matches<(EmploymentPeriod Earlier, EmploymentPeriod Later)>(
            pair => pair.Earlier.To < pair.Later.From), "oldest first, no overlaps");
    }

    [Test]
    public async Task A_connector_switched_down_throws_unavailable_until_switched_up()
    {
        control.SetDown(ConnectorNames.PoliceRecords);

        var failure = await Assert.ThrowsAsync<ConnectorUnavailableException>(() => Police().GetRecordsAsync(For("10117410"), CancellationToken.None));
        var otherConnector = await Identity().LookUpAsync(For("10117410"), CancellationToken.None);
        control.SetUp(ConnectorNames.PoliceRecords);
        var afterwards = await Police().GetRecordsAsync(For("10117410"), CancellationToken.None);

        Assert.That(failure!.Connector, Is.EqualTo(ConnectorNames.PoliceRecords));
        Assert.That(failure.Call.Outcome, Is.EqualTo(ConnectorCallOutcome.Failed));
        Assert.That(failure.Call.IdempotencyKey, Is.EqualTo("case-1:cul"));
        Assert.That(otherConnector.Value.Found, Is.True, "down is per connector");
        Assert.That(afterwards.Call.Outcome, Is.EqualTo(ConnectorCallOutcome.Succeeded));
    }

    [Test]
    public async Task Latency_is_waited_on_the_time_provider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(-5)));
        control.SetLatency(ConnectorNames.Identity, TimeSpan.FromSeconds(5));

        var call = Identity(time).LookUpAsync(For("10117410"), CancellationToken.None);
        Assert.That(call.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await call;

        Assert.That(result.Call.Duration, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(result.Call.StartedAt, Is.EqualTo(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(-5))));
        Assert.That(result.ConsultedAt, Is.EqualTo(new DateTimeOffset(2025, 6, 2, 9, 0, 5, TimeSpan.FromHours(-5))));
    }

    [Test]
    public void A_latency_range_draws_each_delay_between_its_bounds()
    {
        control.SetLatency(ConnectorNames.Education, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(800));
        var delays = Enumerable.Range(0, 200).Select(_ => control.LatencyOf(ConnectorNames.Education)).ToList();
        Assert.That(delays, Is.All.InRange(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(800)));
        Assert.That(delays.Distinct().Count(), Is.GreaterThan(10), "random, not fixed");
        Assert.That(() => control.SetLatency(ConnectorNames.Education, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task RENIEC_answers_deceased_and_cancelled_DNIs_as_not_in_force_and_an_answer_can_be_changed_at_run_time()
    {
        var deceased = await Identity().LookUpAsync(For(SimulatedDnis.Deceased), CancellationToken.None);
        Assert.That((deceased.Value.Found, deceased.Value.Valid, deceased.Value.Citizen!.Status), Is.EqualTo((true, false, IdentityStatus.Deceased)));
        Assert.That((await Identity().LookUpAsync(For(SimulatedDnis.Cancelled), CancellationToken.None)).Value.Citizen!.Status, Is.EqualTo(IdentityStatus.Cancelled));

        var before = (await Identity().LookUpAsync(For("45871236"), CancellationToken.None)).Value.Citizen!;
        Assert.That(before, Is.EqualTo(SimulatedPopulation.Find("45871236").Identity), "the simulator answers from the deterministic population");
        control.SetIdentity("45871236", before with { GivenNames = "Carmen Rosa" });
        Assert.That((await Identity().LookUpAsync(For("45871236"), CancellationToken.None)).Value.Citizen!.GivenNames, Is.EqualTo("Carmen Rosa"));
        control.SetIdentity("45871236", null);
        Assert.That((await Identity().LookUpAsync(For("45871236"), CancellationToken.None)).Value.Found, Is.False);
        control.Reset();
        Assert.That((await Identity().LookUpAsync(For("45871236"), CancellationToken.None)).Value.Citizen, Is.EqualTo(before));
    }

    [Test]
    public void The_population_can_be_walked_to_pick_people_RENIEC_knows()
    {
        var picked = SimulatedPopulation.From(40_000_000).First(c => c.Identity!.BirthDate.Year == 1995);
        Assert.That(SimulatedPopulation.Find(picked.Dni), Is.EqualTo(picked).Using<SimulatedCitizen>((a, b) => a.Identity == b.Identity));
        Assert.That(SimulatedPopulation.From(10_117_409).Take(2).Select(c => c.Dni), Is.EqualTo(new[] { "10117409", "10117411" }), "hand-written DNIs skipped");
    }

    [Test]
    public void Names_are_compared_without_accents_case_or_spacing_and_differences_are_named_in_Spanish()
    {
        var reniec = SimulatedPopulation.Find(SimulatedDnis.CleanRecords).Identity!;
        Assert.That(IdentityComparison.Compare(reniec, " MARIA  JOSE ", "quispe", "NUNEZ", reniec.BirthDate), Is.Empty);
        Assert.That(IdentityComparison.Compare(reniec, "María José", null, null, null), Is.Empty, "what is not stated is not compared");
        var differences = IdentityComparison.Compare(reniec, "Carmen Rosa", "Quispe", "Ñuñez", new DateOnly(1990, 5, 14));
        Assert.That(differences.Select(d => d.Field), Is.EqualTo(new[] { "givenNames", "birthDate" }));
        Assert.That(IdentityComparison.Describe(differences),
            Is.EqualTo("nombres (ficha: «Carmen Rosa»; RENIEC: «María José») y fecha de nacimiento (ficha: 14/05/1990; RENIEC: 15/03/1994)"));
    }

    [Test]
    public async Task Simulators_record_every_idempotency_key_they_receive()
    {
        await Identity().LookUpAsync(For("10117410", "case-1:identity"), CancellationToken.None);
        await Identity().LookUpAsync(For("10117410", "case-1:identity"), CancellationToken.None);
        control.SetDown(ConnectorNames.Identity);
        await Assert.ThrowsAsync<ConnectorUnavailableException>(() => Identity().LookUpAsync(For("44556677", "case-2:identity"), CancellationToken.None));

        Assert.That(control.IdempotencyKeysSeen(ConnectorNames.Identity), Is.EqualTo(new[] { "case-1:identity", "case-1:identity", "case-2:identity" }));
        Assert.That(control.IdempotencyKeysSeen(ConnectorNames.Education), Is.Empty);
    }

    [Test]
    public async Task A_repeated_key_gets_the_same_reference_like_a_back_office_recognising_the_repeat()
    {
        var first = await Penal().GetRecordsAsync(For("10117410", "case-9:penal"), CancellationToken.None);
        var repeat = await Penal().GetRecordsAsync(For("10117410", "case-9:penal"), CancellationToken.None);
        var other = await Penal().GetRecordsAsync(For("10117410", "case-10:penal"), CancellationToken.None);

        Assert.That(repeat.Reference, Is.EqualTo(first.Reference));
        Assert.That(other.Reference, Is.Not.EqualTo(first.Reference));
    }

    internal static bool IsValidRuc(string? ruc)
    {
        int[] weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        if (ruc is null || ruc.Length != 11 || !ruc.All(char.IsAsciiDigit))
        {
            return false;
        }
        var sum = weights.Select((w, i) => w * (ruc[i] - '0')).Sum();
        return (11 - (sum % 11)) % 10 == ruc[10] - '0';
    }
}

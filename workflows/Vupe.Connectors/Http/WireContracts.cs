using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vupe.Connectors.Http;

// The JSON each back office answers with (docs/connectors.md). Everything is required: a missing field is a
// broken contract, not a default, because a defaulted "no records" would end up on a certificate.

internal interface IBackOfficeReply
{
    string Reference { get; }

    /// <summary>The DNI or RUC asked about, echoed back so an answer about the wrong person is caught before it reaches a certificate.</summary>
    string Subject { get; }
}

internal sealed record PersonReply : IBackOfficeReply
{
    public required string Reference { get; init; }
    public required string Dni { get; init; }
    string IBackOfficeReply.Subject => Dni;
    public required string GivenNames { get; init; }
    public required string PaternalSurname { get; init; }
    public required string MaternalSurname { get; init; }
    public required DateOnly BirthDate { get; init; }
    public required string Address { get; init; }
    /// <summary>Optional: a reply without it names a DNI in force (the contract before statuses were added).</summary>
    public IdentityStatus Status { get; init; } = IdentityStatus.Valid;
}

internal sealed record RecordsReply : IBackOfficeReply
{
    public required string Reference { get; init; }
    public required string Dni { get; init; }
    string IBackOfficeReply.Subject => Dni;
    public required IReadOnlyList<RecordItem> Records { get; init; }
}

internal sealed record RecordItem
{
    public required DateOnly Date { get; init; }
    public required string Authority { get; init; }
    public required string Description { get; init; }
    public required string Status { get; init; }
}

internal sealed record EducationReply : IBackOfficeReply
{
    public required string Reference { get; init; }
    public required string Dni { get; init; }
    string IBackOfficeReply.Subject => Dni;
    public required IReadOnlyList<EducationItem> Entries { get; init; }
}

internal sealed record EducationItem
{
    public required EducationLevel Level { get; init; }
    public required string Institution { get; init; }
    public required string Title { get; init; }
    public required int Year { get; init; }
}

internal sealed record EmploymentReply : IBackOfficeReply
{
    public required string Reference { get; init; }
    public required string Dni { get; init; }
    string IBackOfficeReply.Subject => Dni;
    public required IReadOnlyList<EmploymentItem> Periods { get; init; }
}

internal sealed record EmploymentItem
{
    public required string EmployerName { get; init; }
    public required string EmployerRuc { get; init; }
    public required DateOnly From { get; init; }
    public DateOnly? To { get; init; }
}

internal sealed record TaxpayerReply : IBackOfficeReply
{
    public required string Reference { get; init; }
    public required string Ruc { get; init; }
    public required string LegalName { get; init; }
    public required TaxpayerState State { get; init; }
    public required TaxpayerCondition Condition { get; init; }
    string IBackOfficeReply.Subject => Ruc;
}

internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter<EducationLevel>(allowIntegerValues: false), new JsonStringEnumConverter<IdentityStatus>(allowIntegerValues: false),
            new JsonStringEnumConverter<TaxpayerState>(allowIntegerValues: false), new JsonStringEnumConverter<TaxpayerCondition>(allowIntegerValues: false) },
    };
}

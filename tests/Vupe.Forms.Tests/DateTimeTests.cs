using Microsoft.Extensions.Time.Testing;
using static Vupe.Forms.Tests.TestForms;

namespace Vupe.Forms.Tests;

/// <summary>datetime fields: the ISO 8601 text form-js writes for each subtype, kept as text.</summary>
public class DateTimeTests
{
    private static readonly FormSchema Form = TestForms.Form(
        """{ "type": "datetime", "id": "F_d", "key": "fecha", "subtype": "date" }""",
        """{ "type": "datetime", "id": "F_t", "key": "hora", "subtype": "time" }""",
        """{ "type": "datetime", "id": "F_dt", "key": "cita", "subtype": "datetime" }""");

    [TestCase("2025-03-31")]
    [TestCase("2024-02-29")]
    public void Valid_dates_are_kept_as_text(string date)
    {
        var result = Form.Validate($$"""{ "fecha": "{{date}}" }""");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data["fecha"], Is.EqualTo(date));
    }

    [TestCase("2023-02-29")]
    [TestCase("2025-13-01")]
    [TestCase("31/03/2025")]
    [TestCase("2025-3-31")]
    [TestCase("2025-03-31T10:00")]
    public void Invalid_dates_are_refused(string date)
    {
        var error = Form.Validate($$"""{ "fecha": "{{date}}" }""").Single();

        Assert.That((error.Code, error.Message), Is.EqualTo(("format", "Debe ser una fecha válida (AAAA-MM-DD).")));
    }

    [TestCase("14:30")]
    [TestCase("09:05:30")]
    [TestCase("14:30Z")]
    [TestCase("14:30-05:00")]
    public void Times_in_each_serialising_format_are_accepted(string time)
    {
        Assert.That(Form.Validate($$"""{ "hora": "{{time}}" }""").IsValid, Is.True);
    }

    [TestCase("24:00")]
    [TestCase("14:60")]
    [TestCase("2:30")]
    [TestCase("14:30 pm")]
    public void Invalid_times_are_refused(string time)
    {
        var error = Form.Validate($$"""{ "hora": "{{time}}" }""").Single();

        Assert.That((error.Code, error.Message), Is.EqualTo(("format", "Debe ser una hora válida (HH:mm).")));
    }

    [TestCase("2025-03-31T14:30")]
    [TestCase("2025-03-31T14:30:00Z")]
    [TestCase("2025-03-31T14:30:00.000-05:00")]
    public void Date_times_in_iso_8601_are_accepted(string value)
    {
        Assert.That(Form.Validate($$"""{ "cita": "{{value}}" }""").Data["cita"], Is.EqualTo(value));
    }

    [TestCase("2025-03-31")]
    [TestCase("2025-02-30T10:00")]
    [TestCase("2025-03-31 14:30")]
    public void Invalid_date_times_are_refused(string value)
    {
        Assert.That(Form.Validate($$"""{ "cita": "{{value}}" }""").Single().Message, Is.EqualTo("Debe ser una fecha y hora válidas (AAAA-MM-DDTHH:mm)."));
    }

    [Test]
    public void A_date_that_is_not_text_is_a_type_error()
    {
        Assert.That(Form.Validate("""{ "fecha": 20250331 }""").Single().Code, Is.EqualTo("type"));
    }

    [Test]
    public void The_subtype_defaults_to_date()
    {
        var form = TestForms.Form("""{ "type": "datetime", "id": "F", "key": "fecha" }""");

        Assert.That(form.Validate("""{ "fecha": "14:30" }""").Single().Code, Is.EqualTo("format"));
    }

    [Test]
    public void Passed_dates_are_refused_where_the_field_disallows_them_reckoning_today_in_lima()
    {
        var form = TestForms.Form("""{ "type": "datetime", "id": "F", "key": "cita", "subtype": "date", "disallowPassedDates": true }""");
        // 03:00 UTC on 1 April is still 31 March in Lima (UTC-5).
        var options = new FormValidationOptions { TimeProvider = new FakeTimeProvider(new DateTimeOffset(2025, 4, 1, 3, 0, 0, TimeSpan.Zero)) };

        var error = form.Validate("""{ "cita": "2025-03-30" }""", options).Single();

        Assert.That((error.Code, error.Message), Is.EqualTo(("pastDate", "La fecha no puede ser anterior a hoy.")));
        Assert.That(form.Validate("""{ "cita": "2025-03-31" }""", options).IsValid, Is.True);
    }
}

namespace Vupe.Server.Deployments;

/// <summary>
/// A file being designed, kept on the server until it is deployed: a draft never changes what runs. One per key
/// (the designer uses the file's name); the office of the supervisor who saved it, or null for national ones.
/// </summary>
public sealed class Draft
{
    public required string Key { get; set; }
    public required string FileName { get; set; }
    public required string Content { get; set; }
    public required string UpdatedBy { get; set; }
    public string? OfficeCode { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
}

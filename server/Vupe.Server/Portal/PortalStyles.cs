namespace Vupe.Server.Portal;

/// <summary>
/// Mi VUPE's and VUPE Empresas' stylesheet, inlined in every portal page's head (<c>_PortalLayout</c>, <c>_CompanyLayout</c>): it is small (a few KB) and all of
/// it is needed for the first paint, so on a phone over 3G inlining saves the round trip a linked file would cost
/// before anything shows (issue 18's first-contentful-paint target; bench/portal-pages.sh measures it). Read once.
/// </summary>
public sealed class PortalStyles(IWebHostEnvironment environment)
{
    private readonly Lazy<string> _css = new(() =>
    {
        var file = environment.WebRootFileProvider.GetFileInfo("css/portal.css");
        using var reader = new StreamReader(file.CreateReadStream());
        return reader.ReadToEnd();
    });

    public string Css => _css.Value;
}

using System.Xml.Linq;

namespace Vupe.Workflows.Tests;

/// <summary>The catalogue's data says which services a citizen may start online (Mi VUPE), and each names a process it carries.</summary>
public sealed class OnlineServicesTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Vupe = "http://vupecases.pe/schema/bpmn/1.0";

    [Test]
    public void Vocational_guidance_and_job_search_counselling_start_online_and_nothing_that_needs_an_office_first()
    {
        Assert.That(VupeServices.Online.Select(s => s.Code), Is.EqualTo(new[] { VupeServices.VocationalGuidance, VupeServices.JobSearchCounselling }));
        Assert.That(VupeServices.Get(VupeServices.TemporaryEmployment).StartsOnline, Is.False);
        var processes = VupeCatalogue.Load().Processes.Select(p => XDocument.Parse(p.Content).Descendants(Bpmn + "process").Single().Attribute("id")!.Value).ToHashSet();
        foreach (var service in VupeServices.Online)
            Assert.That(processes, Does.Contain(service.OnlineProcess), $"{service.Code} starts a process the catalogue carries");
    }

    [Test]
    public void Job_search_counselling_asks_a_citizen_who_applied_online_for_their_CV_and_only_them()
    {
        var xml = XDocument.Parse(VupeCatalogue.Load().Processes.Single(p => p.Key == VupeProcesses.JobSearchCounselling).Content);
        var receive = xml.Descendants(Bpmn + "userTask").Single(t => t.Attribute("id")!.Value == "recibirCv");
        Assert.That(receive.Attribute(Vupe + "requiredDocuments")?.Value, Is.EqualTo("cv"));
        var online = xml.Descendants(Bpmn + "sequenceFlow").Single(f => f.Attribute("targetRef")!.Value == "recibirCv");
        Assert.That(online.Element(Bpmn + "conditionExpression")!.Value, Is.EqualTo("=canal = \"en-linea\""));
        var gateway = xml.Descendants(Bpmn + "exclusiveGateway").Single(g => g.Attribute("id")!.Value == online.Attribute("sourceRef")!.Value);
        Assert.That(xml.Descendants(Bpmn + "sequenceFlow").Single(f => f.Attribute("id")!.Value == gateway.Attribute("default")!.Value).Attribute("targetRef")!.Value,
            Is.EqualTo("revisionCv"), "a referred citizen goes straight to the review");
    }
}

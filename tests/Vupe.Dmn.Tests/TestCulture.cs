// The libraries' problem texts follow the UI culture; these tests read the English ones, whatever the machine's
// language. Tests of the Spanish texts set their own culture.
[assembly: NUnit.Framework.SetUICulture("en-US")]

namespace Hub.Web.Rendering;

public enum DiffKind
{
    Same,
    Added,
    Removed,
}

using System.Diagnostics;

namespace Hub.Inference;

/// <summary>Records one model's figures both on the OpenTelemetry instruments and in its <see cref="ModelStats"/>.</summary>
/// <remarks>
/// Series are labelled with the repository's id, not its name: <c>/metrics</c> answers anyone who reaches the hub, and a
/// private repository's name is not theirs to read (the id also stays the same when the repository is renamed).
/// </remarks>
internal sealed class ModelStatsRecorder(ModelStats stats, string repoId, string revision)
{
    private readonly TagList tags = new() { { "model", repoId }, { "revision", revision } };

    public ModelStats Stats => stats;

    public void Request(string task)
    {
        var withTask = tags;
        withTask.Add("task", task);
        InferenceTelemetry.Requests.Add(1, withTask);
        stats.RecordRequest();
    }

    public void Rejected()
    {
        InferenceTelemetry.Rejected.Add(1, tags);
        stats.RecordRejected();
    }

    public void QueueTime(double ms)
    {
        InferenceTelemetry.QueueTime.Record(ms, tags);
        stats.RecordQueueTime(ms);
    }

    public void RunStarted() => stats.RecordRunStarted();

    public void RunEnded() => stats.RecordRunEnded();

    public void RunTerminated()
    {
        InferenceTelemetry.TerminatedRuns.Add(1, tags);
        stats.RecordTerminated();
    }

    public void Run(int batchSize, double ms)
    {
        InferenceTelemetry.SessionRuns.Add(1, tags);
        InferenceTelemetry.BatchSize.Record(batchSize, tags);
        InferenceTelemetry.RunTime.Record(ms, tags);
        stats.RecordRun(batchSize, ms);
    }
}

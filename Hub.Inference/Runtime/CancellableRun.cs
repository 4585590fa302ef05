using Microsoft.ML.OnnxRuntime;

namespace Hub.Inference.Runtime;

/// <summary>
/// One session run that stops when its token is cancelled: the token sets <see cref="RunOptions.Terminate"/>, ONNX
/// Runtime then ends the run at the next node and throws, and that surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
internal static class CancellableRun
{
    public static T Run<T>(ModelStatsRecorder recorder, Func<RunOptions, T> run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var options = new RunOptions();
        // Declared after the options, so disposed first: a callback in progress finishes before the options go.
        using var registration = cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, options);
        recorder.RunStarted();
        try
        {
            return run(options);
        }
        catch (OnnxRuntimeException e) when (cancellationToken.IsCancellationRequested)
        {
            recorder.RunTerminated();
            throw new OperationCanceledException("The run was terminated because its callers went away.", e, cancellationToken);
        }
        finally
        {
            recorder.RunEnded();
        }
    }
}

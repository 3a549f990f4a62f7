import triton_python_backend_utils as pb_utils
from transformers import AutoTokenizer


class TritonPythonModel:
    def initialize(self, args):
        self.tok = AutoTokenizer.from_pretrained("acme-search/qa-tokenizer", trust_remote_code=True)
        self.local = AutoTokenizer.from_pretrained("/models/tokenizer/1/vocab", local_files_only=True)

    def execute(self, requests_):
        res = []
        for r in requests_:
            text = [t.decode() for t in pb_utils.get_input_tensor_by_name(r, "TEXT").as_numpy().ravel()]
            ids = self.tok(text, return_tensors="np", padding=True)["input_ids"]
            res.append(pb_utils.InferenceResponse([pb_utils.Tensor("IDS", ids)]))
        return res

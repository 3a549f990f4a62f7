import json

from metaflow import Flow, FlowSpec, Parameter, step


class ScoreFlow(FlowSpec):
    run_id = Parameter("train-run", required=True)

    @step
    def start(self):
        run = Flow("ChurnFlow")[self.run_id]
        self.model = run.data.model
        with open("thresholds.json") as fh:
            self.thresholds = json.load(fh)
        self.next(self.end)

    @step
    def end(self):
        print(self.thresholds)


if __name__ == "__main__":
    ScoreFlow()

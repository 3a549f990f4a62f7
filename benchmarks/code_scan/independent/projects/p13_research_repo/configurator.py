"""
Poor man's configurator: override globals from a config file or --key=value.
    python train.py config/override_file.py --batch_size=32
"""
import sys
from ast import literal_eval

for arg in sys.argv[1:]:
    if "=" not in arg:
        config_file = arg
        print(f"Overriding config with {config_file}:")
        with open(config_file) as f:
            print(f.read())
        exec(open(config_file).read())
    else:
        key, val = arg.split("=")
        key = key[2:]
        try:
            attempt = literal_eval(val)
        except (SyntaxError, ValueError):
            attempt = val
        globals()[key] = attempt

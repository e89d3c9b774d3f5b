#!/usr/bin/python3
"""Converts every DIR/*/test_data_set_*/*.npy to the TensorProto .pb of ONNX's own test data and
removes the .npy. Usage: tools/npy_to_tensor_proto.py DIR"""
import glob
import os
import sys

import numpy as np
from onnx import numpy_helper

for npy in sorted(glob.glob(os.path.join(sys.argv[1], "*", "test_data_set_*", "*.npy"))):
    with open(npy[:-4] + ".pb", "wb") as f:
        f.write(numpy_helper.from_array(np.load(npy)).SerializeToString())
    os.remove(npy)

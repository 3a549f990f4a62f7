

nMatMul
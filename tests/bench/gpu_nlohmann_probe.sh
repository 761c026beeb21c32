set -u
tinc=$(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"include"))')
ls -d $tinc/nlohmann 2>&1; grep -m1 -h "NLOHMANN_JSON_VERSION_MINOR " $tinc/nlohmann/json.hpp third_party_headers/nlohmann/json.hpp 2>&1
mkdir -p tp2 && cp -r third_party_headers/CLI third_party_headers/googletest tp2/
torch_dir=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')/Torch
for v in tp2 third_party_headers; do
  b=build/gpu_$v
  cmake -S . -B $b -G Ninja -DCMAKE_BUILD_TYPE=Release -DTorch_DIR=$torch_dir -DFUSEBENCH_CORE_ONLY=ON -DFUSEBENCH_THIRD_PARTY=$PWD/$v > $OUT/conf_$v.log 2>&1 || { tail -5 $OUT/conf_$v.log; continue; }
  cmake --build $b -j 16 --target test_engine_graph > $OUT/build_$v.log 2>&1 || { grep -m3 -A3 error $OUT/build_$v.log; continue; }
  echo "== with $v:"; $b/tests/engine/test_engine_graph --gtest_filter='ProjectFile.*' 2>&1 | tail -4
done

# Warnings and sanitizers for our own targets only (never for third-party code).
function(fusebench_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(FUSEBENCH_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(FUSEBENCH_SANITIZE_THREAD)
    target_compile_options(${target} PRIVATE -fsanitize=thread -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=thread)
  endif()
endfunction()

# Translation units that include torch are slow to compile (~20 s each here): share one precompiled header.
function(fusebench_torch_pch target)
  target_precompile_headers(${target} PRIVATE ${PROJECT_SOURCE_DIR}/engine/torch_pch.h)
endfunction()

# A two-node cluster with STONITH and no fencing delay: both nodes lose corosync's token
# within one network hop, so at every seed both fire and both are powered off (the fence
# race a delay prevents); no seed may corrupt storage.
foreach(seed RANGE 1 12)
  execute_process(COMMAND ${HALAB} run ${SCENARIO} --seed ${seed} --json OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(rc GREATER 1)
    message(FATAL_ERROR "seed ${seed}: halab run failed (${rc})")
  endif()
  string(JSON fenced LENGTH "${out}" fenced)
  string(JSON corrupted GET "${out}" corrupted_writes)
  if(NOT corrupted EQUAL 0)
    message(FATAL_ERROR "seed ${seed}: ${corrupted} corrupted writes with fencing on")
  endif()
  if(NOT fenced EQUAL 2)
    message(FATAL_ERROR "seed ${seed}: ${fenced} nodes fenced, expected both (a fence race)")
  endif()
endforeach()

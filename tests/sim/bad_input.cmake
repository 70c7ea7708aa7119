# One bad input: `HALAB CMD FILE EXTRA…` exits 2 with a message that names the file and
# says EXPECT; never a crash, an internal error (70) or a hang. With DEEP set, FILE is first
# written as a JSON value nested DEEP levels deep. CMD may be empty (the GUI takes the file
# first).
if(DEEP)
  string(REPEAT "[" ${DEEP} open)
  string(REPEAT "]" ${DEEP} close)
  file(WRITE ${FILE} "${open}${close}")
endif()
execute_process(COMMAND ${HALAB} ${CMD} ${FILE} ${EXTRA} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out TIMEOUT 30)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "expected exit code 2, got ${rc}\nstderr:\n${err}")
endif()
string(FIND "${err}" "${FILE}: ${EXPECT}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "expected \"${FILE}: ${EXPECT}\" on stderr, got:\n${err}")
endif()

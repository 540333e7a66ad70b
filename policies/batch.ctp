# batch: a job that reads its input, computes, and writes its results: a
# report, a conversion, a data-processing step.  Nothing else it does can
# leave a trace: the input and the job's own code stay as they are, and no
# byte leaves through the network.
#
# It allows: running @{INTERPRETER} (busybox here: its shell, sed, sort,
# awk...; put python3 or the like there for other jobs), reading the job's
# code in @{JOB} and its input in @{IN}, and reading, writing, creating,
# renaming and removing anything under @{OUT}.
#
# It refuses everything else ('default deny'): any other program (a file it
# wrote cannot be run), reading anything else, writing anywhere else (not
# even /tmp: use @{OUT}, or add a scratch directory to it), every socket
# (Unix ones too), every capability; and, whatever a rule added later
# allows, what no-escape.ctp and kernel-files.ctp refuse.
@{INTERPRETER} = /bin/busybox
@{JOB} = /job
@{IN} = /data/in
@{OUT} = /data/out
@{UNCHANGED} = @{JOB} @{IN}

profile batch {
    mode enforce
    default deny
    include "abstractions/base.ctp"
    include "abstractions/no-escape.ctp"
    include "abstractions/kernel-files.ctp"

    # The interpreter runs; nothing else does.
    allow read,exec                 @{INTERPRETER}

    # The job's code and its input: read, never changed.
    allow read                      @{UNCHANGED}{,/**}
    deny  write,append,create,delete,rename,link,setattr  @{UNCHANGED}{,/**}

    # The output folder: anything but running what is there (no exec,
    # mmap_exec) or linking it elsewhere.  setattr: '>' truncates.
    allow read                      @{OUT}
    allow read,write,append,create,delete,rename,setattr  @{OUT}/**

    # No network at all: no socket of any family, Unix ones included.
    deny  net all
}

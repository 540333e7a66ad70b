dump/all_constructs.ctp net connect inet6 tcp ::ffff:169.254.169.254 port 80
dump/all_constructs.ctp net connect inet6 stream tcp ::ffff:10.1.2.3 port 443
dump/all_constructs.ctp net connect inet6 stream tcp ::10.1.2.3 port 443
dump/all_constructs.ctp net bind inet6 stream tcp ::ffff:127.0.0.1 port 8080
dump/all_constructs.ctp net create inet6 raw
dump/all_constructs.ctp net create inet raw icmp

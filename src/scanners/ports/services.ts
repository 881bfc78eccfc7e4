/**
 * Service names for well-known TCP ports, as registered with IANA (service names and port
 * numbers registry) or, where IANA has none, the name the industry uses. A port number says
 * which service is *expected*, not which one runs: the services scanner confirms by banner.
 */
const SERVICES: Readonly<Record<number, string>> = {
  7: 'echo', 9: 'discard', 13: 'daytime', 19: 'chargen', 20: 'ftp-data', 21: 'ftp', 22: 'ssh', 23: 'telnet',
  25: 'smtp', 37: 'time', 43: 'whois', 49: 'tacacs', 53: 'domain', 69: 'tftp', 70: 'gopher', 79: 'finger',
  80: 'http', 81: 'http-alt', 88: 'kerberos', 102: 'iso-tsap', 106: 'pop3pw', 110: 'pop3', 111: 'rpcbind',
  113: 'ident', 119: 'nntp', 123: 'ntp', 135: 'msrpc', 137: 'netbios-ns', 139: 'netbios-ssn', 143: 'imap',
  161: 'snmp', 162: 'snmptrap', 179: 'bgp', 199: 'smux', 389: 'ldap', 427: 'svrloc', 443: 'https',
  444: 'snpp', 445: 'microsoft-ds', 464: 'kpasswd', 465: 'smtps', 500: 'isakmp', 502: 'modbus', 512: 'exec',
  513: 'login', 514: 'shell', 515: 'printer', 520: 'efs', 523: 'ibm-db2', 540: 'uucp', 789: 'redlion-crimson', 548: 'afp',
  554: 'rtsp', 587: 'submission', 593: 'http-rpc-epmap', 623: 'ipmi', 631: 'ipp', 636: 'ldaps', 646: 'ldp',
  873: 'rsync', 902: 'vmware-auth', 990: 'ftps', 992: 'telnets', 993: 'imaps', 995: 'pop3s', 1025: 'nfs-or-iis',
  1080: 'socks', 1099: 'rmiregistry', 1194: 'openvpn', 1433: 'ms-sql-s', 1434: 'ms-sql-m', 1521: 'oracle',
  1522: 'oracle-alt', 1583: 'pervasive-sql', 1911: 'niagara-fox', 1604: 'citrix-ica', 1701: 'l2tp', 1720: 'h323q931', 1723: 'pptp', 1883: 'mqtt',
  1900: 'upnp', 2000: 'cisco-sccp', 2049: 'nfs', 2082: 'cpanel', 2083: 'cpanel-ssl', 2086: 'whm',
  2087: 'whm-ssl', 2121: 'ccproxy-ftp', 2181: 'zookeeper', 2222: 'ssh-alt', 2323: 'telnet-alt',
  2375: 'docker', 2376: 'docker-tls', 2404: 'iec-104', 2379: 'etcd-client', 2380: 'etcd-server', 2483: 'oracle-db',
  2484: 'oracle-db-tls', 3000: 'http-dev', 3128: 'squid-http', 3268: 'globalcatldap', 3269: 'globalcatldapssl',
  3306: 'mysql', 3389: 'ms-wbt-server', 3690: 'svn', 4369: 'epmd', 4443: 'https-alt', 4444: 'krb524',
  4786: 'cisco-smart-install', 4848: 'glassfish-admin', 4911: 'niagara-fox-tls', 5000: 'upnp-or-http', 5060: 'sip', 5061: 'sip-tls',
  5432: 'postgresql', 5555: 'adb', 5601: 'kibana', 5631: 'pcanywheredata', 5666: 'nrpe', 5672: 'amqp',
  5800: 'vnc-http', 5900: 'vnc', 5901: 'vnc-1', 5902: 'vnc-2', 5984: 'couchdb', 5985: 'wsman',
  5986: 'wsmans', 6000: 'x11', 6001: 'x11-1', 6379: 'redis', 6443: 'kubernetes-api', 6667: 'irc',
  7001: 'weblogic', 7002: 'weblogic-ssl', 7070: 'realserver', 7474: 'neo4j', 8000: 'http-alt',
  8008: 'http-alt', 8009: 'ajp13', 8080: 'http-proxy', 8081: 'http-alt', 8086: 'influxdb', 8088: 'radan-http',
  8161: 'activemq-admin', 8443: 'https-alt', 8500: 'consul', 8834: 'nessus', 8888: 'http-alt',
  9000: 'cslistener', 9042: 'cassandra', 9090: 'http-admin', 9092: 'kafka', 9100: 'jetdirect',
  9200: 'elasticsearch', 9300: 'elasticsearch-transport', 9418: 'git', 9443: 'https-admin', 9990: 'wildfly-admin',
  10000: 'webmin', 10250: 'kubelet', 10255: 'kubelet-readonly', 20000: 'dnp3', 44818: 'ethernet-ip', 11211: 'memcached', 15672: 'rabbitmq-mgmt', 16992: 'amt-soap-http',
  16993: 'amt-soap-https', 27017: 'mongodb', 27018: 'mongodb-shard', 28017: 'mongodb-http',
  50000: 'sap-or-db2', 50070: 'hadoop-namenode', 61616: 'activemq',
};

const BY_NAME: ReadonlyMap<string, number> = new Map(
  Object.entries(SERVICES).map(([port, name]) => [name, Number(port)] as const).reverse(),
);

export function serviceName(port: number): string {
  return SERVICES[port] ?? 'unknown';
}

/** For `-p http,https`: the port a service name is registered at. */
export function portOfService(name: string): number | undefined {
  return BY_NAME.get(name);
}

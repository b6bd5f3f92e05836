/** Ends an XML-RPC call with a fault; the endpoint sends it as the response. */
export class RpcFault extends Error {
  override name = 'RpcFault';
  readonly faultCode: number;
  readonly faultString: string;

  constructor(faultCode: number, faultString: string) {
    super(faultString);
    this.faultCode = faultCode;
    this.faultString = faultString;
  }
}

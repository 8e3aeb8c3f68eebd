/** The simulator's URL paths, modelled on the real portal's. Only the simulator knows them. */
export const PATHS = {
  login: '/complaint/login.htm',
  logout: '/complaint/logout.htm',
  account: '/index.htm',
  help: '/help.htm',
  submitIpr: '/complaint/rights/add_ipr.htm',
  submittedIpr: '/complaint/rights/ipr_list.htm',
  submitListings: '/complaint/product/search_keywords.htm',
  saveListings: '/complaint/product/batch_save.htm',
  pending: '/complaint/product/pending.htm',
  match: '/complaint/product/search_uncommit.htm',
  counterNotification: '/complaint/counter_notification.htm',
  history: '/complaint/history.htm',
  caseDetails: '/complaint/case_detail.htm',
  withdraw: '/complaint/withdraw.htm',
} as const;

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>Zizhu</name>
    <message>
        <source>办件进度</source>
        <translation>Case status</translation>
    </message>
    <message>
        <source>这是您的办件进度，可打印进度凭条或扫码查看</source>
        <translation>This is the status of your case. You can print a status slip or scan the code to view it.</translation>
    </message>
    <message>
        <source>打印完成，请取走凭条</source>
        <translation>Printing finished. Please take your slip.</translation>
    </message>
    <message>
        <source>办件编号：%1</source>
        <translation>Case number: %1</translation>
    </message>
    <message>
        <source>申请人：%1</source>
        <translation>Applicant: %1</translation>
    </message>
    <message>
        <source>承诺办结日期：%1（按工作日计算）</source>
        <translation>Promised completion date: %1 (in working days)</translation>
    </message>
    <message>
        <source>%1年法定节假日安排尚未公布，办结日期请以窗口告知为准</source>
        <translation>The %1 public holiday schedule is not published yet. Please ask at a service counter for the completion date.</translation>
    </message>
    <message>
        <source>办结日期请以窗口告知为准</source>
        <translation>Please ask at a service counter for the completion date.</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>领取方式：%1</source>
        <translation>How to collect: %1</translation>
    </message>
    <message>
        <source>需补正的材料</source>
        <translation>Documents to add or correct</translation>
    </message>
    <message>
        <source>不予受理理由：%1</source>
        <translation>Reason for not accepting: %1</translation>
    </message>
    <message>
        <source>打印进度凭条</source>
        <translation>Print status slip</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>本终端暂停服务，请到人工窗口或其他终端办理</source>
        <translation>This terminal is out of service. Please go to a service counter or another terminal.</translation>
    </message>
    <message>
        <source>请到人工窗口或其他自助终端办理</source>
        <translation>Please go to a service counter or another self-service terminal.</translation>
    </message>
    <message>
        <source>人工窗口：%1</source>
        <translation>Service counter: %1</translation>
    </message>
    <message>
        <source>咨询电话：%1</source>
        <translation>Help line: %1</translation>
    </message>
    <message>
        <source>您还在吗？如需继续办理，请点击“继续”</source>
        <translation>Are you still there? To carry on, tap “Continue”.</translation>
    </message>
    <message>
        <source>您还在吗？</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>%1 秒后将结束本次办理并清除您的信息</source>
        <translation>In %1 seconds this session will end and your information will be cleared.</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>办事指南详情</source>
        <translation>Service guide details</translation>
    </message>
    <message>
        <source>这是该事项的办事指南，可打印一次性告知书或扫码查看</source>
        <translation>This is the guide for this service. You can print the requirements notice or scan the code to view it.</translation>
    </message>
    <message>
        <source>即办</source>
        <translation>Done on the spot</translation>
    </message>
    <message>
        <source>%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <source>事项类型</source>
        <translation>Type of service</translation>
    </message>
    <message>
        <source>实施主体</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>受理条件</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>设定依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>法定办结时限</source>
        <translation>Legal time limit</translation>
    </message>
    <message>
        <source>承诺办结时限</source>
        <translation>Promised time limit</translation>
    </message>
    <message>
        <source>收费标准及依据</source>
        <translation>Fees and their basis</translation>
    </message>
    <message>
        <source>所需材料</source>
        <translation>Documents needed</translation>
    </message>
    <message>
        <source>办理流程</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>办理形式</source>
        <translation>How to apply</translation>
    </message>
    <message>
        <source>办理地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>办理时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>咨询方式</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <source>监督投诉方式</source>
        <translation>Supervision and complaints</translation>
    </message>
    <message>
        <source>打印一次性告知书</source>
        <translation>Print requirements notice</translation>
    </message>
    <message>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <source>请按部门或主题选择，或输入事项名称、拼音首字母查找</source>
        <translation>Choose by department or topic, or search by service name or pinyin initials.</translation>
    </message>
    <message>
        <source>正在加载，请稍候…</source>
        <translation>Loading, please wait…</translation>
    </message>
    <message>
        <source>材料提交</source>
        <translation>Submit documents</translation>
    </message>
    <message>
        <source>请选择办件，再把材料逐页放在高拍仪下拍摄</source>
        <translation>Choose your case, then place the documents page by page under the document camera</translation>
    </message>
    <message>
        <source>页面清晰，请点击拍这一页</source>
        <translation>The page is clear: tap Take this page</translation>
    </message>
    <message>
        <source>请核对已拍的页面，无误请点击提交材料</source>
        <translation>Check the pages taken; if they are right, tap Submit</translation>
    </message>
    <message>
        <source>材料已提交</source>
        <translation>Documents submitted</translation>
    </message>
    <message>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>请输入需要提交材料的办件编号</source>
        <translation>Enter the number of the case the documents are for</translation>
    </message>
    <message>
        <source>材料只提交到您的办件，本机不保存</source>
        <translation>The documents go to your case only; this terminal keeps no copy</translation>
    </message>
    <message>
        <source>正在提交材料，请稍候…</source>
        <translation>Submitting the documents, please wait…</translation>
    </message>
    <message>
        <source>高拍仪画面</source>
        <translation>Document camera picture</translation>
    </message>
    <message>
        <source>这一页没有拍成：</source>
        <translation>This page was not taken:</translation>
    </message>
    <message>
        <source>已拍 %1 页</source>
        <translation>%1 page(s) taken</translation>
    </message>
    <message>
        <source>拍这一页</source>
        <translation>Take this page</translation>
    </message>
    <message>
        <source>拍完了，查看页面</source>
        <translation>Done: review the pages</translation>
    </message>
    <message>
        <source>请先拍摄至少一页</source>
        <translation>Take at least one page first</translation>
    </message>
    <message>
        <source>请核对已拍的页面，共 %1 页</source>
        <translation>Check the pages taken: %1 in all</translation>
    </message>
    <message>
        <source>拍好的页面</source>
        <translation>A page taken</translation>
    </message>
    <message>
        <source>第 %1 页</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>继续拍摄</source>
        <translation>Take more pages</translation>
    </message>
    <message>
        <source>已达到最多页数，请提交</source>
        <translation>The most pages allowed: please submit</translation>
    </message>
    <message>
        <source>提交材料</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>共 %1 页已提交到办件 %2，本机不保存</source>
        <translation>%1 page(s) submitted to case %2; this terminal keeps no copy</translation>
    </message>
    <message>
        <source>事项名称或拼音首字母</source>
        <translation>Service name or pinyin initials</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <source>按主题</source>
        <translation>By topic</translation>
    </message>
    <message>
        <source>没有找到相关事项，请换个说法或按部门查找</source>
        <translation>No matching services. Try other words or browse by department.</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>返回上一级</source>
        <translation>Up one level</translation>
    </message>
    <message>
        <source>24小时自助服务</source>
        <translation>24-hour self-service</translation>
    </message>
    <message>
        <source>您好，请放置身份证，或点击要办理的业务</source>
        <translation>Welcome. Place your ID card, or tap the service you need.</translation>
    </message>
    <message>
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <source>请将身份证放在感应区，或点击下方业务开始</source>
        <translation>Place your ID card on the reader, or tap a service below to start.</translation>
    </message>
    <message>
        <source>读取身份证</source>
        <translation>Read ID card</translation>
    </message>
    <message>
        <source>办件查询</source>
        <translation>Find my case</translation>
    </message>
    <message>
        <source>语言 / Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <source>蒙古文</source>
        <translation>Mongolian</translation>
    </message>
    <message>
        <source>英文</source>
        <translation>English</translation>
    </message>
    <message>
        <source>长辈模式：已开启</source>
        <translation>Senior mode: on</translation>
    </message>
    <message>
        <source>长辈模式：字更大</source>
        <translation>Senior mode: larger text</translation>
    </message>
    <message>
        <source>遇到问题请拨打咨询电话：%1</source>
        <translation>Need help? Call the help line: %1</translation>
    </message>
    <message>
        <source>演示：放置证件 %1</source>
        <translation>Demo: place card %1</translation>
    </message>
    <message>
        <source>请将身份证放在感应区，不要移动</source>
        <translation>Keep your ID card on the reader and do not move it.</translation>
    </message>
    <message>
        <source>读取成功</source>
        <translation>Card read</translation>
    </message>
    <message>
        <source>未能读取证件</source>
        <translation>Could not read the card</translation>
    </message>
    <message>
        <source>请将身份证放在感应区</source>
        <translation>Place your ID card on the reader</translation>
    </message>
    <message>
        <source>姓名：%1</source>
        <translation>Name: %1</translation>
    </message>
    <message>
        <source>证件号码：%1</source>
        <translation>ID number: %1</translation>
    </message>
    <message>
        <source>有效期至：%1</source>
        <translation>Valid until: %1</translation>
    </message>
    <message>
        <source>重新读取</source>
        <translation>Read again</translation>
    </message>
    <message>
        <source>选择业务</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <source>自助服务终端</source>
        <translation>Self-service terminal</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>退格</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>正在打印，请稍候…</source>
        <translation>Printing, please wait…</translation>
    </message>
    <message>
        <source>扫码查看</source>
        <translation>Scan to view</translation>
    </message>
    <message>
        <source>手机扫码查看，可随时查阅</source>
        <translation>Scan with your phone to view it at any time.</translation>
    </message>
    <message>
        <source>打印暂不可用</source>
        <translation>Printing unavailable</translation>
    </message>
    <message>
        <source>请输入办件编号，或使用身份证查询</source>
        <translation>Enter your case number, or look it up with your ID card.</translation>
    </message>
    <message>
        <source>正在查询，请稍候…</source>
        <translation>Searching, please wait…</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>用身份证查询我的办件</source>
        <translation>Find my cases with my ID card</translation>
    </message>
    <message>
        <source>请先在首页放置身份证</source>
        <translation>Please place your ID card on the home screen first.</translation>
    </message>
    <message>
        <source>未查询到您的办件</source>
        <translation>No cases found for you</translation>
    </message>
    <message>
        <source>按办件编号查询</source>
        <translation>Look up by case number</translation>
    </message>
    <message>
        <source>证件已过有效期，请到人工窗口办理</source>
        <translation>Your ID card has expired. Please go to a service counter.</translation>
    </message>
    <message>
        <source>证件信息校验失败，请到人工窗口办理</source>
        <translation>Your ID card could not be verified. Please go to a service counter.</translation>
    </message>
    <message>
        <source>读卡失败，请取下证件后重新放置</source>
        <translation>Could not read the card. Please lift it off and place it again.</translation>
    </message>
    <message>
        <source>本次业务已读取该证件，请取走证件</source>
        <translation>This card has already been read. Please take your card.</translation>
    </message>
    <message>
        <source>身份证阅读器暂停使用，可用办件编号查询</source>
        <translation>The ID card reader is out of service. You can look up by case number.</translation>
    </message>
    <message>
        <source>本机未配置身份证阅读器</source>
        <translation>This terminal has no ID card reader.</translation>
    </message>
    <message>
        <source>打印纸已用完，请扫码查看</source>
        <translation>The printer is out of paper. Please scan the code to view.</translation>
    </message>
    <message>
        <source>打印机暂停使用，请扫码查看</source>
        <translation>The printer is out of service. Please scan the code to view.</translation>
    </message>
    <message>
        <source>本机不能打印，请扫码查看</source>
        <translation>This terminal cannot print. Please scan the code to view.</translation>
    </message>
    <message>
        <source>打印中断，请扫码查看，或到人工窗口领取</source>
        <translation>Printing stopped. Please scan the code to view, or collect it at a service counter.</translation>
    </message>
    <message>
        <source>打印机无响应，请扫码查看，或到人工窗口领取</source>
        <translation>The printer is not responding. Please scan the code to view, or collect it at a service counter.</translation>
    </message>
    <message>
        <source>未能打印，请扫码查看，或到人工窗口领取</source>
        <translation>Could not print. Please scan the code to view, or collect it at a service counter.</translation>
    </message>
    <message>
        <source>业务系统响应超时，请稍后再试或到人工窗口办理</source>
        <translation>The service system is not responding. Please try again later or go to a service counter.</translation>
    </message>
    <message>
        <source>业务系统暂时无法访问，请稍后再试或到人工窗口办理</source>
        <translation>The service system is unavailable right now. Please try again later or go to a service counter.</translation>
    </message>
    <message>
        <source>未查询到相关信息，请核对后重试</source>
        <translation>Nothing found. Please check and try again.</translation>
    </message>
    <message>
        <source>办件编号应为6至24位数字，请核对后重新输入</source>
        <translation>A case number has 6 to 24 digits. Please check and enter it again.</translation>
    </message>
    <message>
        <source>请先读取身份证</source>
        <translation>Please read your ID card first.</translation>
    </message>
    <message>
        <source>这是身份证号码，不是办件编号：请在首页放置身份证查询您的办件</source>
        <translation>This is an ID card number, not a case number. To find your cases, place your ID card on the home screen.</translation>
    </message>
    <message>
        <source>本终端暂停服务</source>
        <translation>This terminal is out of service</translation>
    </message>
    <message>
        <source>系统故障，暂停服务</source>
        <translation>System fault: out of service</translation>
    </message>
    <message>
        <source>已申请，待受理</source>
        <translation>Submitted, awaiting acceptance</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>审查中</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>需补正材料</source>
        <translation>Documents needed</translation>
    </message>
    <message>
        <source>已办结，待领取</source>
        <translation>Completed, ready to collect</translation>
    </message>
    <message>
        <source>已办结，已领取</source>
        <translation>Completed, collected</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <source>港澳台居民居住证</source>
        <translation>Residence permit for Hong Kong, Macao and Taiwan residents</translation>
    </message>
    <message>
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID card</translation>
    </message>
    <message>
        <source>暂时无法办理，请到人工窗口</source>
        <translation>This cannot be done here right now. Please go to a service counter.</translation>
    </message>
    <message>
        <source>朗读</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>证件照</source>
        <translation>ID photo</translation>
    </message>
    <message>
        <source>请选择照片尺寸，再按提示拍照</source>
        <translation>Choose the photo size, then follow the prompts to take the photo.</translation>
    </message>
    <message>
        <source>正在检查画面…</source>
        <translation>Checking the picture…</translation>
    </message>
    <message>
        <source>很好，请保持不动，点击拍照</source>
        <translation>Good. Keep still and tap Take photo.</translation>
    </message>
    <message>
        <source>请确认照片，满意请点击使用这张</source>
        <translation>Check the photo. If you are happy with it, tap Use this photo.</translation>
    </message>
    <message>
        <source>照片已提交</source>
        <translation>Photo submitted</translation>
    </message>
    <message>
        <source>请选择照片尺寸</source>
        <translation>Choose the photo size</translation>
    </message>
    <message>
        <source>居民身份证照片（358×441）</source>
        <translation>Resident ID card photo (358×441)</translation>
    </message>
    <message>
        <source>一寸照片（295×413）</source>
        <translation>One-inch photo (295×413)</translation>
    </message>
    <message>
        <source>照片只提交到您的办件，本机不保存</source>
        <translation>The photo goes to your case only. This terminal does not keep it.</translation>
    </message>
    <message>
        <source>请输入需要补交照片的办件编号</source>
        <translation>Enter the number of the case that needs a photo</translation>
    </message>
    <message>
        <source>用身份证查找我的办件</source>
        <translation>Find my case with my ID card</translation>
    </message>
    <message>
        <source>正在提交照片，请稍候…</source>
        <translation>Submitting the photo, please wait…</translation>
    </message>
    <message>
        <source>摄像头画面</source>
        <translation>Camera picture</translation>
    </message>
    <message>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <source>请先按上方提示调整</source>
        <translation>First adjust as the words above say</translation>
    </message>
    <message>
        <source>请确认照片</source>
        <translation>Check your photo</translation>
    </message>
    <message>
        <source>拍好的照片</source>
        <translation>The photo taken</translation>
    </message>
    <message>
        <source>照片尺寸：%1×%2像素</source>
        <translation>Photo size: %1×%2 pixels</translation>
    </message>
    <message>
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <source>使用这张</source>
        <translation>Use this photo</translation>
    </message>
    <message>
        <source>照片已提交到办件 %1，本机不保存照片</source>
        <translation>The photo was added to case %1. This terminal keeps no copy.</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>摄像头被遮挡，请移开遮挡物</source>
        <translation>The camera is covered. Please remove what covers it.</translation>
    </message>
    <message>
        <source>没有找到材料，请把材料平放在拍摄区内</source>
        <translation>No document found: lay it flat in the camera's area</translation>
    </message>
    <message>
        <source>材料超出拍摄范围，请把整页材料放在拍摄区内</source>
        <translation>The page goes beyond the picture: place the whole page in the camera's area</translation>
    </message>
    <message>
        <source>材料没有放平或被遮挡，请放平、移开手</source>
        <translation>The page is not flat or is covered: lay it flat and move your hand away</translation>
    </message>
    <message>
        <source>画面模糊，请放平材料，保持不动</source>
        <translation>The picture is blurred: lay the page flat and keep still</translation>
    </message>
    <message>
        <source>这一页已经拍过，请换下一页</source>
        <translation>This page was already taken: place the next page</translation>
    </message>
    <message>
        <source>摄像头被遮挡，暂不能拍摄材料，请到人工窗口办理</source>
        <translation>The camera is covered; documents cannot be taken now: please go to a staffed window</translation>
    </message>
    <message>
        <source>高拍仪暂停使用，请到人工窗口提交材料</source>
        <translation>The document camera is out of use: please hand in your documents at a staffed window</translation>
    </message>
    <message>
        <source>本机没有高拍仪，请到人工窗口提交材料</source>
        <translation>This terminal has no document camera: please hand in your documents at a staffed window</translation>
    </message>
    <message>
        <source>未查询到可以提交材料的办件</source>
        <translation>No case found that takes documents</translation>
    </message>
    <message>
        <source>该办件已办结，不需要提交材料</source>
        <translation>This case is done: no documents are needed</translation>
    </message>
    <message>
        <source>请正对镜头</source>
        <translation>Please face the camera</translation>
    </message>
    <message>
        <source>画面中只能有一个人</source>
        <translation>Only one person may be in the picture</translation>
    </message>
    <message>
        <source>请正对镜头，不要侧脸</source>
        <translation>Please face the camera; do not turn your face</translation>
    </message>
    <message>
        <source>请保持头部端正</source>
        <translation>Please hold your head straight</translation>
    </message>
    <message>
        <source>请靠近镜头一些</source>
        <translation>Please come a little closer</translation>
    </message>
    <message>
        <source>请离镜头远一些</source>
        <translation>Please move a little further away</translation>
    </message>
    <message>
        <source>请站到画面中间</source>
        <translation>Please stand in the middle of the picture</translation>
    </message>
    <message>
        <source>请把头稍微放低一点</source>
        <translation>Please lower your head a little</translation>
    </message>
    <message>
        <source>请坐直，把头抬高一点</source>
        <translation>Please sit up straight and raise your head a little</translation>
    </message>
    <message>
        <source>光线太暗</source>
        <translation>Too dark</translation>
    </message>
    <message>
        <source>光线太亮，脸部过曝</source>
        <translation>Too bright: the face is washed out</translation>
    </message>
    <message>
        <source>照片模糊，请保持不动</source>
        <translation>The photo is blurred. Please keep still.</translation>
    </message>
    <message>
        <source>背景不够白</source>
        <translation>The background is not white enough</translation>
    </message>
    <message>
        <source>背景不均匀，请站在白色背景前</source>
        <translation>The background is uneven. Please stand in front of a white background.</translation>
    </message>
    <message>
        <source>摄像头被遮挡，暂不能拍照，请到人工窗口办理</source>
        <translation>The camera is covered: no photos for now. Please go to a service counter.</translation>
    </message>
    <message>
        <source>摄像头暂停使用，请到人工窗口拍照</source>
        <translation>The camera is out of service. Please have your photo taken at a service counter.</translation>
    </message>
    <message>
        <source>本机没有摄像头，请到人工窗口拍照</source>
        <translation>This terminal has no camera. Please have your photo taken at a service counter.</translation>
    </message>
    <message>
        <source>未查询到需要补交照片的办件</source>
        <translation>No case needing a photo was found</translation>
    </message>
    <message>
        <source>该办件已办结，不需要补交照片</source>
        <translation>This case is completed: no photo is needed</translation>
    </message>
    <message>
        <source>服务评价</source>
        <translation>Rate the service</translation>
    </message>
    <message>
        <source>本次服务已完成，欢迎您对本次服务作出评价</source>
        <translation>This service is complete. You are welcome to rate it.</translation>
    </message>
    <message>
        <source>已提交，感谢您的评价</source>
        <translation>Submitted. Thank you for your rating.</translation>
    </message>
    <message>
        <source>本次服务您已评价过，每项服务只能评价一次</source>
        <translation>You have already rated this service: each service is rated once.</translation>
    </message>
    <message>
        <source>您办理的事项</source>
        <translation>Your service</translation>
    </message>
    <message>
        <source>您的评价将用于改进政务服务</source>
        <translation>Your rating helps improve public services</translation>
    </message>
    <message>
        <source>您对本次服务满意吗？</source>
        <translation>Were you satisfied with this service?</translation>
    </message>
    <message>
        <source>可选：您想评价哪些方面？（可多选）</source>
        <translation>Optional: which aspects? (choose any)</translation>
    </message>
    <message>
        <source>评价自愿，不记录您的身份信息</source>
        <translation>Rating is voluntary; nothing about who you are is recorded.</translation>
    </message>
    <message>
        <source>正在提交，请稍候…</source>
        <translation>Submitting, please wait…</translation>
    </message>
    <message>
        <source>重新提交</source>
        <translation>Submit again</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <source>办不成事反映</source>
        <translation>Report a problem</translation>
    </message>
    <message>
        <source>请选择您要反映的问题类型</source>
        <translation>What kind of problem is it?</translation>
    </message>
    <message>
        <source>请选择常见问题，也可以输入您要反映的事项</source>
        <translation>Choose a common problem, or type what happened</translation>
    </message>
    <message>
        <source>请输入联系电话，工作人员将回电答复</source>
        <translation>Enter a phone number: staff will call you back with the answer</translation>
    </message>
    <message>
        <source>如与某个办件有关，请输入办件编号，也可以跳过</source>
        <translation>If it is about a case, enter its number, or skip</translation>
    </message>
    <message>
        <source>请核对您的反映内容，确认后提交</source>
        <translation>Please check your report, then submit it</translation>
    </message>
    <message>
        <source>已提交，您的反映已受理</source>
        <translation>Submitted: your report has been accepted</translation>
    </message>
    <message>
        <source>暂时无法提交，请稍后重试或到人工窗口反映</source>
        <translation>Cannot submit now. Try again later, or tell a service counter.</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>不填，跳过</source>
        <translation>Skip this</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>确认提交</source>
        <translation>Confirm and submit</translation>
    </message>
    <message>
        <source>第%1步，共%2步</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <source>联系电话（手机号码，或带区号的固定电话）</source>
        <translation>Phone (a mobile, or a landline with its area code)</translation>
    </message>
    <message>
        <source>办件编号（可不填）</source>
        <translation>Case number (optional)</translation>
    </message>
    <message>
        <source>补充说明（可不填）</source>
        <translation>More details (optional)</translation>
    </message>
    <message>
        <source>也可以在此输入（点击后弹出键盘，支持拼音）</source>
        <translation>Or type here (tap for the keyboard; Pinyin works)</translation>
    </message>
    <message>
        <source>反映事项</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>本次查询过的办件</source>
        <translation>Cases you looked up</translation>
    </message>
    <message>
        <source>问题类型</source>
        <translation>Kind of problem</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>相关办件</source>
        <translation>Related case</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>投诉电话：%1</source>
        <translation>Complaint line: %1</translation>
    </message>
    <message>
        <source>工单编号</source>
        <translation>Work order number</translation>
    </message>
    <message>
        <source>我们将在1个工作日内答复（按国家法定工作日计算），并致电您留下的号码</source>
        <translation>We will answer within 1 working day (official working days) and call the number you left.</translation>
    </message>
    <message>
        <source>正在打印回执，请稍候…</source>
        <translation>Printing the receipt, please wait…</translation>
    </message>
    <message>
        <source>回执已打印，请取走并保管好工单编号</source>
        <translation>Receipt printed. Please take it and keep the work order number.</translation>
    </message>
    <message>
        <source>回执未能打印，请记下工单编号</source>
        <translation>The receipt did not print. Please note the work order number.</translation>
    </message>
    <message>
        <source>重新打印回执</source>
        <translation>Print the receipt again</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>效率</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>态度</source>
        <translation>Attitude</translation>
    </message>
    <message>
        <source>办事指南准确</source>
        <translation>Accurate guide</translation>
    </message>
    <message>
        <source>操作便利</source>
        <translation>Easy to use</translation>
    </message>
    <message>
        <source>办不成事</source>
        <translation>Could not get it done</translation>
    </message>
    <message>
        <source>蜗牛办事</source>
        <translation>Too slow</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>想办的事没办成</source>
        <translation>What I came for was not done</translation>
    </message>
    <message>
        <source>办事慢、拖延</source>
        <translation>Slow, kept waiting</translation>
    </message>
    <message>
        <source>对服务或人员不满</source>
        <translation>Unhappy with the service or the staff</translation>
    </message>
    <message>
        <source>改进服务的想法</source>
        <translation>An idea to improve the service</translation>
    </message>
    <message>
        <source>其他问题</source>
        <translation>Any other problem</translation>
    </message>
    <message>
        <source>材料反复补正，多次跑腿</source>
        <translation>Asked again and again for more papers</translation>
    </message>
    <message>
        <source>排队等候时间过长</source>
        <translation>Waited too long in the queue</translation>
    </message>
    <message>
        <source>超过承诺时限仍未办结</source>
        <translation>Still not done after the promised time</translation>
    </message>
    <message>
        <source>工作人员服务态度差</source>
        <translation>Staff were unhelpful</translation>
    </message>
    <message>
        <source>网上可办却要求到现场</source>
        <translation>Could be done online, but I was told to come in</translation>
    </message>
    <message>
        <source>自助终端无法正常使用</source>
        <translation>The self-service terminal did not work</translation>
    </message>
    <message>
        <source>办事指南与实际要求不一致</source>
        <translation>The guide differs from what was asked</translation>
    </message>
    <message>
        <source>请先选择一个满意程度</source>
        <translation>Please choose how satisfied you were first</translation>
    </message>
    <message>
        <source>暂时无法提交：终端与服务中心的连接中断。您填写的内容仍在本页，可稍后重试，或到人工窗口反映</source>
        <translation>Cannot submit now: the terminal has lost its link to the service centre. What you entered is still here: try again later, or tell a service counter.</translation>
    </message>
    <message>
        <source>本终端未能提交，请到人工窗口反映</source>
        <translation>This terminal could not submit it. Please tell a service counter.</translation>
    </message>
    <message>
        <source>本终端暂不能受理反映，请到人工窗口或拨打投诉电话</source>
        <translation>This terminal cannot take reports now. Please go to a service counter or call the complaint line.</translation>
    </message>
    <message>
        <source>请选择常见问题，或输入您要反映的事项</source>
        <translation>Please choose a common problem, or type what happened</translation>
    </message>
    <message>
        <source>反映事项请控制在300字以内</source>
        <translation>Please keep it within 300 characters</translation>
    </message>
    <message>
        <source>请输入联系电话，以便工作人员回复您</source>
        <translation>Please enter a phone number so that staff can answer you</translation>
    </message>
    <message>
        <source>手机号码应为11位，以13至19开头，请核对后重新输入</source>
        <translation>A mobile number has 11 digits and starts with 13 to 19. Please check it.</translation>
    </message>
    <message>
        <source>固定电话请加区号，例如0482开头</source>
        <translation>A landline needs its area code, such as 0482</translation>
    </message>
    <message>
        <source>电话号码有误：请输入11位手机号码，或带区号的固定电话</source>
        <translation>That number is not right: enter an 11-digit mobile number, or a landline with its area code.</translation>
    </message>
    <message>
        <source>这是身份证号码，不是办件编号，请勿在此输入</source>
        <translation>That is an ID card number, not a case number: please do not enter it here.</translation>
    </message>
    <message>
        <source>%1号格口已打开</source>
        <translation>Box %1 is open</translation>
    </message>
    <message>
        <source>取件完成</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>取件物品：%1</source>
        <translation>Item: %1</translation>
    </message>
    <message>
        <source>取件码不正确，请核对短信后重新输入</source>
        <translation>That pickup code is not right. Please check your text message and enter it again.</translation>
    </message>
    <message>
        <source>取件码已印在凭条上，工作人员凭此取出材料</source>
        <translation>The code is printed on your receipt; staff use it to take the documents out.</translation>
    </message>
    <message>
        <source>取件码已连续输错5次，该件已锁定</source>
        <translation>The pickup code was wrong 5 times in a row: this item is locked.</translation>
    </message>
    <message>
        <source>取件码应为4至12位数字，请核对后重新输入</source>
        <translation>A pickup code has 4 to 12 digits. Please check and enter it again.</translation>
    </message>
    <message>
        <source>取件码（见短信通知）</source>
        <translation>Pickup code (in your text message)</translation>
    </message>
    <message>
        <source>受%1委托代领</source>
        <translation>Collected on behalf of %1</translation>
    </message>
    <message>
        <source>完成并退出</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>将核对您已放置的身份证</source>
        <translation>The ID card you placed will be checked.</translation>
    </message>
    <message>
        <source>工作人员取件码：%1</source>
        <translation>Staff retrieval code: %1</translation>
    </message>
    <message>
        <source>打开格口存放材料</source>
        <translation>Open a box for my documents</translation>
    </message>
    <message>
        <source>换一张证件</source>
        <translation>Use another card</translation>
    </message>
    <message>
        <source>文件柜取件</source>
        <translation>Collect from the locker</translation>
    </message>
    <message>
        <source>文件柜失去响应，本次开箱已登记，已通知工作人员</source>
        <translation>The locker stopped responding. This opening has been recorded and staff have been told.</translation>
    </message>
    <message>
        <source>文件柜无响应，已通知工作人员，请到人工窗口办理</source>
        <translation>The locker is not responding. Staff have been told; please go to a service counter.</translation>
    </message>
    <message>
        <source>文件柜暂停使用</source>
        <translation>Locker out of service</translation>
    </message>
    <message>
        <source>文件柜暂停使用，请到人工窗口办理</source>
        <translation>The locker is out of service. Please go to a service counter.</translation>
    </message>
    <message>
        <source>文件柜暂无空格口，请到人工窗口递交材料</source>
        <translation>The locker has no empty box. Please hand in your documents at a service counter.</translation>
    </message>
    <message>
        <source>本机未配置文件柜</source>
        <translation>This terminal has no locker</translation>
    </message>
    <message>
        <source>材料存放</source>
        <translation>Leave documents</translation>
    </message>
    <message>
        <source>材料已存入格口，但业务系统暂未登记，请告知人工窗口工作人员</source>
        <translation>Your documents are in the box, but the service system has not recorded them yet. Please tell the staff at a service counter.</translation>
    </message>
    <message>
        <source>材料已存放</source>
        <translation>Documents left</translation>
    </message>
    <message>
        <source>柜门未关闭，本次开箱已登记，已通知工作人员处理</source>
        <translation>The door was not closed. This opening has been recorded and staff have been told.</translation>
    </message>
    <message>
        <source>格口已打开，但业务系统暂未登记取件，请告知人工窗口工作人员</source>
        <translation>The box was opened, but the service system has not recorded the collection yet. Please tell the staff at a service counter.</translation>
    </message>
    <message>
        <source>格口未能打开，已通知工作人员，请到人工窗口办理</source>
        <translation>The box did not open. Staff have been told; please go to a service counter.</translation>
    </message>
    <message>
        <source>正在打开格口，请稍候…</source>
        <translation>Opening the box, please wait…</translation>
    </message>
    <message>
        <source>正在核对，请稍候…</source>
        <translation>Checking, please wait…</translation>
    </message>
    <message>
        <source>正在登记，请稍候…</source>
        <translation>Recording, please wait…</translation>
    </message>
    <message>
        <source>此证件不是领取人或受托人的证件，不能取件</source>
        <translation>This card is neither the holder&apos;s nor the authorised agent&apos;s: the item cannot be collected with it.</translation>
    </message>
    <message>
        <source>没有可存放材料的办件</source>
        <translation>No case of yours takes documents now</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>确定后请放置领取人或受托人的身份证</source>
        <translation>Then place the ID card of the holder or of the authorised agent.</translation>
    </message>
    <message>
        <source>确认后将打开一个空格口，请放入材料并关好柜门</source>
        <translation>An empty box will open: put your documents in and close the door.</translation>
    </message>
    <message>
        <source>该件不在本终端的文件柜中，请到人工窗口领取</source>
        <translation>This item is not in this terminal&apos;s locker. Please collect it at a service counter.</translation>
    </message>
    <message>
        <source>该件已被领取，不能重复开箱；如有疑问请到人工窗口</source>
        <translation>This item has already been collected: its box is not opened again. If in doubt, please go to a service counter.</translation>
    </message>
    <message>
        <source>该办件不在办理中，不能存放材料，请到人工窗口办理</source>
        <translation>This case is not being handled now and takes no documents. Please go to a service counter.</translation>
    </message>
    <message>
        <source>请到人工窗口办理：%1</source>
        <translation>Please go to a service counter: %1</translation>
    </message>
    <message>
        <source>请取出您的物品，并随手关好柜门</source>
        <translation>Please take your item out and close the door.</translation>
    </message>
    <message>
        <source>请放入材料，并随手关好柜门</source>
        <translation>Please put your documents in and close the door.</translation>
    </message>
    <message>
        <source>请放置领取人或受托人的身份证</source>
        <translation>Place the ID card of the holder or of the authorised agent</translation>
    </message>
    <message>
        <source>请输入办件编号，或使用身份证查询要存放材料的办件</source>
        <translation>Enter the case number, or find the case for your documents with your ID card.</translation>
    </message>
    <message>
        <source>请输入取件码，然后放置身份证</source>
        <translation>Enter your pickup code, then place your ID card.</translation>
    </message>
    <message>
        <source>身份证阅读器暂停使用</source>
        <translation>ID card reader out of service</translation>
    </message>
    <message>
        <source>还可输入%1次</source>
        <translation>%1 tries left</translation>
    </message>
    <message>
        <source>重新输入取件码</source>
        <translation>Enter the pickup code again</translation>
    </message>
    <message>
        <source>本机暂不受理，请到人工窗口</source>
        <translation>Not taken at this terminal: please go to a service counter</translation>
    </message>
    <message>
        <source>维护密码错误，还可输入%1次</source>
        <translation>Wrong maintenance PIN: %1 tries left</translation>
    </message>
    <message>
        <source>密码连续输错%1次，维护入口已锁定，请%2分钟后再试</source>
        <translation>%1 wrong PINs in a row: maintenance entry locked, try again in %2 minutes</translation>
    </message>
    <message>
        <source>本终端未登记技术员，不能进入维护模式</source>
        <translation>No technician is registered on this terminal: maintenance mode cannot be opened</translation>
    </message>
    <message>
        <source>此证件未登记为技术员证件</source>
        <translation>This card is not registered as a technician&apos;s card</translation>
    </message>
    <message>
        <source>%1自检通过</source>
        <translation>%1: self-test passed</translation>
    </message>
    <message>
        <source>%1自检未通过，见下方结果</source>
        <translation>%1: self-test failed, see the result below</translation>
    </message>
    <message>
        <source>测试页已打印</source>
        <translation>Test page printed</translation>
    </message>
    <message>
        <source>测试页未能打印：%1</source>
        <translation>Test page not printed: %1</translation>
    </message>
    <message>
        <source>%1号格口已打开，已记入开箱记录</source>
        <translation>Slot %1 opened and entered in the open journal</translation>
    </message>
    <message>
        <source>%1号格口未能打开：%2</source>
        <translation>Slot %1 did not open: %2</translation>
    </message>
    <message>
        <source>已确认更换%1，已报告大厅</source>
        <translation>New %1 confirmed and reported to the hall</translation>
    </message>
    <message>
        <source>已确认更换%1，但未能报告大厅（监控程序未连接）</source>
        <translation>New %1 confirmed, but not reported to the hall (the monitoring agent is not connected)</translation>
    </message>
    <message>
        <source>凭条打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>智能文件柜</source>
        <translation>Document locker</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>忙</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>硬件故障</source>
        <translation>Hardware fault</translation>
    </message>
    <message>
        <source>需要处理</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>未连接</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <source>未通电</source>
        <translation>Powered off</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>凭条纸卷</source>
        <translation>receipt paper roll</translation>
    </message>
    <message>
        <source>流水纸卷</source>
        <translation>journal paper roll</translation>
    </message>
    <message>
        <source>维护模式</source>
        <translation>Maintenance mode</translation>
    </message>
    <message>
        <source>退出维护</source>
        <translation>Leave maintenance</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>维护中：本终端已暂停对外服务，退出维护或%1分钟无操作后恢复服务</source>
        <translation>Under maintenance: this terminal is out of service; it returns to service on leaving or after %1 minutes untouched</translation>
    </message>
    <message>
        <source>请输入维护密码，或放置技术员证件</source>
        <translation>Enter the maintenance PIN, or place a technician&apos;s card</translation>
    </message>
    <message>
        <source>进入维护</source>
        <translation>Open maintenance</translation>
    </message>
    <message>
        <source>正在执行，请稍候…</source>
        <translation>Working, please wait…</translation>
    </message>
    <message>
        <source>设备状态与自检</source>
        <translation>Device status and self-test</translation>
    </message>
    <message>
        <source>自检通过（%1秒）</source>
        <translation>Self-test passed (%1 s)</translation>
    </message>
    <message>
        <source>自检未通过（%1秒）</source>
        <translation>Self-test failed (%1 s)</translation>
    </message>
    <message>
        <source>自检中…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>自检</source>
        <translation>Self-test</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>打印测试页</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <source>打开文件柜格口（维护）</source>
        <translation>Open a locker slot (maintenance)</translation>
    </message>
    <message>
        <source>门开</source>
        <translation>door open</translation>
    </message>
    <message>
        <source>卡住</source>
        <translation>jammed</translation>
    </message>
    <message>
        <source>有物</source>
        <translation>not empty</translation>
    </message>
    <message>
        <source>本终端未处理的故障</source>
        <translation>Open incidents of this terminal</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>正在向大厅查询…</source>
        <translation>Asking the hall…</translation>
    </message>
    <message>
        <source>无法连接大厅服务器，暂时看不到故障单</source>
        <translation>Cannot reach the hall server: incidents cannot be shown for now</translation>
    </message>
    <message>
        <source>未配置大厅服务器地址，看不到故障单</source>
        <translation>No hall server address configured: incidents cannot be shown</translation>
    </message>
    <message>
        <source>没有未处理的故障</source>
        <translation>No open incidents</translation>
    </message>
    <message>
        <source>确认已装好新的流水纸卷</source>
        <translation>Confirm a new journal paper roll is fitted</translation>
    </message>
    <message>
        <source>确认已装好新的凭条纸卷</source>
        <translation>Confirm a new receipt paper roll is fitted</translation>
    </message>
    <!-- the printed slips' Mongolian lines (drivers/printer/templates, docs/mongolian-slips.md) -->
    <message>
        <source>反映受理回执</source>
        <translation>Receipt for your report</translation>
    </message>
    <message>
        <source>查询进度请凭工单编号拨打：%1</source>
        <translation>To follow it up, call with the work order number: %1</translation>
    </message>
    <message>
        <source>材料存放凭条</source>
        <translation>Documents deposit receipt</translation>
    </message>
    <message>
        <source>材料已存入文件柜，工作人员取出后将按办件流程处理。请保留本凭条；如有疑问请联系大厅工作人员，电话：%1。</source>
        <translation>The documents are in the locker; staff will take them out and process them with the case. Keep this receipt; for questions ask the hall's staff, phone %1.</translation>
    </message>
    <message>
        <source>取件凭条</source>
        <translation>Collection receipt</translation>
    </message>
    <message>
        <source>请当场核对证件信息。如有疑问请联系大厅工作人员，电话：%1。</source>
        <translation>Please check the documents here and now. For questions ask the hall's staff, phone %1.</translation>
    </message>
    <message>
        <source>一次性告知书</source>
        <translation>Requirements notice</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>Time limits</translation>
    </message>
    <message>
        <source>申请材料</source>
        <translation>Documents to submit</translation>
    </message>
    <message>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>不予受理理由</source>
        <translation>Reasons for refusal</translation>
    </message>
    <message>
        <source>扫码查看办事指南</source>
        <translation>Scan to view the service guide</translation>
    </message>
    <message>
        <source>监督投诉：%1</source>
        <translation>Supervision and complaints: %1</translation>
    </message>
    <message>
        <source>办件进度凭条</source>
        <translation>Case status slip</translation>
    </message>
    <message>
        <source>扫码随时查询进度</source>
        <translation>Scan to follow the case at any time</translation>
    </message>
    <!-- A4 printing (kiosk/qml/Zizhu/A4*.qml) -->
    <message>
        <source>表格和证明打印</source>
        <translation>Forms and certificates</translation>
    </message>
    <message>
        <source>请选择要打印的表格或证明</source>
        <translation>Choose the form or certificate to print</translation>
    </message>
    <message>
        <source>正在打印，请稍候</source>
        <translation>Printing, please wait</translation>
    </message>
    <message>
        <source>打印完成，请在A4出纸口取走文件</source>
        <translation>Printed. Please take your document from the A4 output tray</translation>
    </message>
    <message>
        <source>人工窗口：%1；咨询电话：%2</source>
        <translation>Staffed window: %1; hotline: %2</translation>
    </message>
    <message>
        <source>打印空白表格（自助打表）</source>
        <translation>Print a blank form</translation>
    </message>
    <message>
        <source>申请表等空白表格，打印后手工填写，免费</source>
        <translation>Application forms and other blank forms, to fill in by hand; free of charge</translation>
    </message>
    <message>
        <source>打印证明（需读取身份证）</source>
        <translation>Print a certificate (ID card needed)</translation>
    </message>
    <message>
        <source>社保参保证明、户籍证明，带防伪验证码；打印后本机不保存</source>
        <translation>Social insurance and household registration certificates, with a verification code; this terminal keeps no copy</translation>
    </message>
    <message>
        <source>正在生成文件，请稍候…</source>
        <translation>Preparing the document, please wait…</translation>
    </message>
    <message>
        <source>请选择要打印的表格</source>
        <translation>Choose the form to print</translation>
    </message>
    <message>
        <source>请选择要打印的证明</source>
        <translation>Choose the certificate to print</translation>
    </message>
    <message>
        <source>本机不保存打印的文件</source>
        <translation>This terminal keeps no copy of what it prints</translation>
    </message>
    <message>
        <source>请稍候，不要离开</source>
        <translation>Please wait, do not leave</translation>
    </message>
    <message>
        <source>A4打印机缺纸，未能打印。已通知工作人员，请到人工窗口办理</source>
        <translation>The A4 printer is out of paper; nothing was printed. Staff have been told; please go to a staffed window</translation>
    </message>
    <message>
        <source>A4打印机卡纸，未能打印。已通知工作人员，请到人工窗口办理</source>
        <translation>Paper is jammed in the A4 printer; nothing was printed. Staff have been told; please go to a staffed window</translation>
    </message>
    <message>
        <source>A4打印机盖门未关好，未能打印。请到人工窗口办理</source>
        <translation>The A4 printer&apos;s cover is open; nothing was printed. Please go to a staffed window</translation>
    </message>
    <message>
        <source>A4打印机墨粉用完，未能打印。请到人工窗口办理</source>
        <translation>The A4 printer is out of toner; nothing was printed. Please go to a staffed window</translation>
    </message>
    <message>
        <source>A4打印暂停服务，未能打印。请到人工窗口办理</source>
        <translation>A4 printing is paused; nothing was printed. Please go to a staffed window</translation>
    </message>
    <message>
        <source>A4打印机无响应，未能打印。请到人工窗口办理</source>
        <translation>The A4 printer does not answer; nothing was printed. Please go to a staffed window</translation>
    </message>
    <message>
        <source>本机A4打印机不可用，请到人工窗口办理</source>
        <translation>This terminal&apos;s A4 printer is not available; please go to a staffed window</translation>
    </message>
    <message>
        <source>A4打印机暂停使用，请到人工窗口办理</source>
        <translation>The A4 printer is out of service; please go to a staffed window</translation>
    </message>
    <message>
        <source>打印超时，文件可能未打印完整，请到人工窗口办理</source>
        <translation>Printing took too long and the document may be incomplete; please go to a staffed window</translation>
    </message>
    <message>
        <source>未能打印，请到人工窗口办理</source>
        <translation>Nothing was printed; please go to a staffed window</translation>
    </message>
    <message>
        <source>打印结果未知，请查看A4出纸口；如未打印，请到人工窗口办理</source>
        <translation>Whether it printed is not known: please look at the A4 output tray; if nothing is there, go to a staffed window</translation>
    </message>
    <message>
        <source>文件生成失败，请到人工窗口办理</source>
        <translation>The document could not be prepared; please go to a staffed window</translation>
    </message>
    <message>
        <source>打印证明需要读取身份证，身份证阅读器暂停使用，请到人工窗口办理</source>
        <translation>A certificate needs your ID card, and the card reader is out of service; please go to a staffed window</translation>
    </message>
    <message>
        <source>本机暂无可打印的表格，请到人工窗口领取</source>
        <translation>No forms can be printed here; please ask at a staffed window</translation>
    </message>
    <message>
        <source>本机暂不提供证明打印，请到人工窗口办理</source>
        <translation>Certificates are not printed here; please go to a staffed window</translation>
    </message>
    <message>
        <source>未查询到您的社会保险参保记录，请到社保窗口咨询</source>
        <translation>No social insurance record was found for you; please ask at the social insurance window</translation>
    </message>
    <message>
        <source>未查询到您在本地的户籍登记，请到户籍窗口咨询</source>
        <translation>No household registration here was found for you; please ask at the household registration window</translation>
    </message>
    <message>
        <source>未查询到可出具证明的记录，请到人工窗口咨询</source>
        <translation>No record to certify was found; please ask at a staffed window</translation>
    </message>
    <message>
        <source>A4打印机缺纸，暂停使用</source>
        <translation>A4 printer out of paper</translation>
    </message>
    <message>
        <source>A4打印暂停服务</source>
        <translation>A4 printing paused</translation>
    </message>
    <message>
        <source>A4打印机暂停使用</source>
        <translation>A4 printer out of service</translation>
    </message>
    <message>
        <source>本机不能打印A4文件</source>
        <translation>No A4 printing at this terminal</translation>
    </message>
    <message>
        <source>A4打印机缺纸，正在等待…</source>
        <translation>The A4 printer is out of paper, waiting…</translation>
    </message>
    <message>
        <source>打印队列已停止，正在等待…</source>
        <translation>The print queue is stopped, waiting…</translation>
    </message>
    <message>
        <source>A4打印机无响应，正在等待…</source>
        <translation>The A4 printer does not answer, waiting…</translation>
    </message>
    <message>
        <source>打印机暂停，正在等待…</source>
        <translation>The printer has paused, waiting…</translation>
    </message>
    <!-- free mailing, 政务专递 (kiosk/qml/Zizhu/Mailing*.qml, CasePage, CapturePage, HomePage; templates/mailing.toml) -->
    <message>
        <source>邮寄送达（政务专递，免费）</source>
        <translation>Mail the result to me (free government post)</translation>
    </message>
    <message>
        <source>办结后免费邮寄结果（政务专递）</source>
        <translation>Mail the result free of charge when the case is done</translation>
    </message>
    <message>
        <source>政务专递申请回执</source>
        <translation>Free mailing request receipt</translation>
    </message>
    <message>
        <source>免费邮寄：邮寄费用由政府承担，您无需支付任何费用。</source>
        <translation>Free mailing: the government pays the postage; you pay nothing.</translation>
    </message>
    <message>
        <source>政务专递</source>
        <translation>Free mailing</translation>
    </message>
    <message>
        <source>办件结果可免费邮寄到家，请按提示填写邮寄信息</source>
        <translation>The result can be mailed to you free of charge: fill in where to send it</translation>
    </message>
    <message>
        <source>请将申请人本人的身份证放在读卡区</source>
        <translation>Place the applicant's own ID card on the reader</translation>
    </message>
    <message>
        <source>请选择要邮寄结果的办件</source>
        <translation>Choose the case whose result is to be mailed</translation>
    </message>
    <message>
        <source>请依次选择省、市、区县</source>
        <translation>Choose the province, the city, then the district</translation>
    </message>
    <message>
        <source>请输入详细地址（支持拼音输入）</source>
        <translation>Enter the street address (Pinyin input)</translation>
    </message>
    <message>
        <source>请确认收件人姓名，可以修改</source>
        <translation>Check the recipient's name; you may change it</translation>
    </message>
    <message>
        <source>请输入收件人联系电话</source>
        <translation>Enter the recipient's phone number</translation>
    </message>
    <message>
        <source>请核对邮寄信息，确认后提交</source>
        <translation>Check the mailing details, then confirm</translation>
    </message>
    <message>
        <source>申请已提交，结果文书将免费邮寄给您</source>
        <translation>Request made: the result will be mailed to you free of charge</translation>
    </message>
    <message>
        <source>暂时无法申请，请稍后重试或到人工窗口办理</source>
        <translation>The request cannot be made now: try again later or go to the staffed window</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>免费邮寄：邮寄费用由政府承担。办件结果办结后寄出，材料也可寄回（双向免费）</source>
        <translation>Free mailing: the government pays the postage. The result is sent when the case is done; documents can be mailed back too (free both ways)</translation>
    </message>
    <message>
        <source>省份</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>城市</source>
        <translation>City</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>详细地址：街道、门牌号、小区、楼号和房号</source>
        <translation>Street address: street, number, estate, building and flat</translation>
    </message>
    <message>
        <source>点击后弹出键盘，支持拼音输入</source>
        <translation>Tap for the keyboard (Pinyin input)</translation>
    </message>
    <message>
        <source>详细地址</source>
        <translation>Street address</translation>
    </message>
    <message>
        <source>收件人（默认为身份证持有人，可修改）</source>
        <translation>Recipient (the card holder unless you change it)</translation>
    </message>
    <message>
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>邮寄地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>邮寄费用由政府承担，您无需支付任何费用</source>
        <translation>The government pays the postage: you pay nothing</translation>
    </message>
    <message>
        <source>申请编号</source>
        <translation>Request number</translation>
    </message>
    <message>
        <source>办结后，结果文书将通过政务专递免费寄出，寄出后工作人员将电话告知</source>
        <translation>When the case is done, the result is sent by free government post; staff will phone you when it is sent</translation>
    </message>
    <message>
        <source>回执已打印，请取走并保管好申请编号</source>
        <translation>Receipt printed: take it and keep the request number</translation>
    </message>
    <message>
        <source>回执未能打印，请记下申请编号</source>
        <translation>The receipt did not print: note the request number</translation>
    </message>
    <message>
        <source>该办件不是持证人本人的办件，不能申请邮寄。请使用申请人本人的身份证</source>
        <translation>This case is not the card holder's: it cannot be mailed. Use the applicant's own ID card</translation>
    </message>
    <message>
        <source>该办件当前状态不能申请邮寄（已领取、不予受理或已撤回），请咨询人工窗口</source>
        <translation>This case cannot be mailed now (collected, refused or withdrawn): ask at the staffed window</translation>
    </message>
    <message>
        <source>您暂无可申请邮寄的办件。已申请或已办结待领取的办件才能邮寄</source>
        <translation>You have no case to mail now. Only a case applied for, or done and not yet collected, can be mailed</translation>
    </message>
    <message>
        <source>请输入详细地址：街道、门牌号、小区、楼号和房号</source>
        <translation>Enter the street address: street, number, estate, building and flat</translation>
    </message>
    <message>
        <source>详细地址请控制在100字以内</source>
        <translation>Keep the street address within 100 characters</translation>
    </message>
    <message>
        <source>请输入收件人姓名</source>
        <translation>Enter the recipient's name</translation>
    </message>
    <message>
        <source>收件人姓名请控制在30字以内</source>
        <translation>Keep the recipient's name within 30 characters</translation>
    </message>
    <message>
        <source>申请未能提交：终端与服务中心的连接中断，业务系统中的申请已撤回。您填写的内容仍在本页，可稍后重试，或到人工窗口申请</source>
        <translation>The request was not made: the terminal lost its link to the service centre, and the request was withdrawn. Your answers are still on this page: try again later, or ask at the staffed window</translation>
    </message>
    <message>
        <source>申请未能完整提交，请到人工窗口出示申请编号处理，请勿重复申请</source>
        <translation>The request was not completed: show the request number at the staffed window, and do not ask again here</translation>
    </message>
    <!-- extended-hours appointments (kiosk/qml/Zizhu/Appointment*.qml, drivers/printer/templates/appointment.toml) -->
    <message>
        <source>延时服务预约</source>
        <translation>Saturday appointment (extended hours)</translation>
    </message>
    <message>
        <source>周六上午9:00至12:00延时服务，请选择预约或查看我的预约</source>
        <translation>Extended hours on Saturday, 9:00 to 12:00. Book, or see your appointments.</translation>
    </message>
    <message>
        <source>预约成功，请取走预约回执</source>
        <translation>Booked. Please take your appointment slip.</translation>
    </message>
    <message>
        <source>预约已取消</source>
        <translation>Appointment cancelled</translation>
    </message>
    <message>
        <source>非工作日周六上午9:00—12:00提供预约延时服务（法定节假日除外），预约截至前一天周五12:00</source>
        <translation>On Saturdays that are rest days, 9:00–12:00, the hall serves by appointment (not on public holidays). Bookings close on the Friday before at 12:00.</translation>
    </message>
    <message>
        <source>预约周六延时服务</source>
        <translation>Book a Saturday appointment</translation>
    </message>
    <message>
        <source>我的预约（查看、取消）</source>
        <translation>My appointments (view, cancel)</translation>
    </message>
    <message>
        <source>正在预约，请稍候…</source>
        <translation>Booking, please wait…</translation>
    </message>
    <message>
        <source>正在取消，请稍候…</source>
        <translation>Cancelling, please wait…</translation>
    </message>
    <message>
        <source>第1步：请选择要办理的事项</source>
        <translation>Step 1: choose the service</translation>
    </message>
    <message>
        <source>第2步：请选择预约日期（周六上午9:00—12:00）</source>
        <translation>Step 2: choose the day (Saturday, 9:00–12:00)</translation>
    </message>
    <message>
        <source>%1 星期六</source>
        <translation>Saturday %1</translation>
    </message>
    <message>
        <source>第3步：请输入联系电话，部门工作人员将与您联系</source>
        <translation>Step 3: enter your phone number; the department's staff will contact you</translation>
    </message>
    <message>
        <source>第4步：请核对预约信息</source>
        <translation>Step 4: check your appointment</translation>
    </message>
    <message>
        <source>预约人：%1；联系电话：%2</source>
        <translation>Name: %1; phone: %2</translation>
    </message>
    <message>
        <source>预约时间：%1 星期六 %2</source>
        <translation>Appointment: Saturday %1, %2</translation>
    </message>
    <message>
        <source>预约成功，预约编号：%1</source>
        <translation>Booked. Appointment number: %1</translation>
    </message>
    <message>
        <source>请准时到达；超过约定时间30分钟未到，工作人员将与您联系；超过1小时未到视为放弃</source>
        <translation>Please come on time. If you are not there 30 minutes after the start, staff will call you; after 1 hour the appointment is given up.</translation>
    </message>
    <message>
        <source>请携带以下材料：</source>
        <translation>Please bring:</translation>
    </message>
    <message>
        <source>请取走预约回执</source>
        <translation>Please take your appointment slip</translation>
    </message>
    <message>
        <source>回执未能打印，请记下预约编号</source>
        <translation>The slip could not be printed: please note the appointment number</translation>
    </message>
    <message>
        <source>正在打印回执…</source>
        <translation>Printing the slip…</translation>
    </message>
    <message>
        <source>我的预约：点击要取消的预约</source>
        <translation>My appointments: tap the one to cancel</translation>
    </message>
    <message>
        <source>您没有待办理的延时服务预约</source>
        <translation>You have no Saturday appointments to come</translation>
    </message>
    <message>
        <source>确定取消以下预约吗？</source>
        <translation>Cancel this appointment?</translation>
    </message>
    <message>
        <source>预约已取消，但未能通知大厅，请点击重试</source>
        <translation>Cancelled, but the hall was not told yet: tap Try again</translation>
    </message>
    <message>
        <source>确认预约</source>
        <translation>Book</translation>
    </message>
    <message>
        <source>确定取消预约</source>
        <translation>Cancel the appointment</translation>
    </message>
    <message>
        <source>延时服务预约回执</source>
        <translation>Saturday appointment slip</translation>
    </message>
    <message>
        <source>请携带以下材料</source>
        <translation>Please bring</translation>
    </message>
    <message>
        <source>预约需要读取身份证，身份证阅读器暂停使用，请到咨询导引台或拨打咨询电话预约</source>
        <translation>Booking needs your ID card and the card reader is out of service. Please book at the information desk or by phone.</translation>
    </message>
    <message>
        <source>预约未成功：未能通知大厅，本次预约已撤销。请稍后重试，或到咨询导引台预约</source>
        <translation>Not booked: the hall could not be told, so the booking was withdrawn. Please try again later, or book at the information desk.</translation>
    </message>
    <message>
        <source>预约状态不确定，请凭预约编号拨打咨询电话核实</source>
        <translation>The appointment's state is not certain: please call the help line with the appointment number.</translation>
    </message>
    <message>
        <source>该日为法定节假日，不提供延时服务，请选择其他日期</source>
        <translation>That day is a public holiday: no extended hours. Please choose another day.</translation>
    </message>
    <message>
        <source>该日为调休工作日，窗口正常上班，无需预约</source>
        <translation>That day is a working day (swapped for a holiday): the counters are open as usual, no appointment needed.</translation>
    </message>
    <message>
        <source>该日预约已截止（截至前一天周五12:00）</source>
        <translation>Bookings for that day have closed (they close on the Friday before at 12:00).</translation>
    </message>
    <message>
        <source>该日所在年度的法定节假日安排尚未公布，暂不能预约</source>
        <translation>That year's public holidays are not published yet: it cannot be booked yet.</translation>
    </message>
    <message>
        <source>预约当天及之后不能在终端取消，如需取消请拨打咨询电话</source>
        <translation>On the day itself and after, an appointment cannot be cancelled here. Please call the help line.</translation>
    </message>
    <message>
        <source>延时服务仅在周六上午提供</source>
        <translation>Extended hours are on Saturday mornings only.</translation>
    </message>
    <message>
        <source>该日期已过，请选择其他日期</source>
        <translation>That day has passed. Please choose another day.</translation>
    </message>
    <message>
        <source>该日预约已满，请选择其他日期</source>
        <translation>That day is fully booked. Please choose another day.</translation>
    </message>
    <message>
        <source>您已预约该日的该事项，可在“我的预约”中查看</source>
        <translation>You have already booked this service for that day; see “My appointments”.</translation>
    </message>
    <message>
        <source>联系电话不正确，请重新输入</source>
        <translation>The phone number is not right. Please enter it again.</translation>
    </message>
    <message>
        <source>未查询到您的该预约</source>
        <translation>This appointment was not found among yours.</translation>
    </message>
    <message>
        <source>该预约已取消</source>
        <translation>This appointment is already cancelled.</translation>
    </message>
    <message>
        <source>可预约</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>%1，法定节假日不提供延时服务</source>
        <translation>%1: public holiday, no extended hours</translation>
    </message>
    <message>
        <source>调休工作日，窗口正常上班，无需预约</source>
        <translation>Working day (swapped): counters open as usual, no appointment needed</translation>
    </message>
    <message>
        <source>预约已截止</source>
        <translation>Bookings closed</translation>
    </message>
    <message>
        <source>%1年节假日安排尚未公布，暂不能预约</source>
        <translation>The %1 public holidays are not published yet: not bookable yet</translation>
    </message>
    <message>
        <source>元旦</source>
        <translation>New Year's Day</translation>
    </message>
    <message>
        <source>春节</source>
        <translation>Spring Festival</translation>
    </message>
    <message>
        <source>清明节</source>
        <translation>Qingming Festival</translation>
    </message>
    <message>
        <source>劳动节</source>
        <translation>Labour Day</translation>
    </message>
    <message>
        <source>端午节</source>
        <translation>Dragon Boat Festival</translation>
    </message>
    <message>
        <source>国庆节</source>
        <translation>National Day</translation>
    </message>
    <message>
        <source>中秋节</source>
        <translation>Mid-Autumn Festival</translation>
    </message>
</context>
</TS>
